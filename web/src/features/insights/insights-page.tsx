import { Card, Col, Empty, Result, Row, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useMe, useObjectPermission } from '../../app/auth/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { type RfmMemberSelection, type RfmSegmentDto, useRfmGrid } from './insights-api';
import { formatMoney, RfmHeatGrid } from './rfm-heat-grid';
import { RfmMembersTable } from './rfm-members-table';
import { RunNowPanel } from './run-now-panel';
import { CohortRetentionTable } from './cohort-retention-table';
import { ClustersTab, ValueAndRiskTab } from './insights-dashboard-tabs';
import { PortraitSection } from './portrait-section';

/**
 * 洞察 / Insights: tabs for the RFM grid (the 11 segments, their customers, running RFM on demand),
 * the customer portrait, cohort retention, CLV and churn-risk distributions, and the cluster radar.
 * Inactive tabs are not rendered until opened, so each tab's data and charts load on first view.
 */
export function InsightsPage() {
  const { t, locale } = useI18n();
  const { isAdmin, objects } = useMe();
  const canReadCustomers = useObjectPermission('customer').read;
  const analysis = objects.analysis as { read?: boolean; create?: boolean } | undefined;
  const grid = useRfmGrid(canReadCustomers);
  const [selection, setSelection] = useState<RfmMemberSelection | null>(null);

  if (!canReadCustomers) return <Result status="403" title={t('insights.title')} subTitle={t('insights.noAccess')} />;

  const segmentName = (s: { nameZh: string; nameEn: string }) => (locale === 'en' ? s.nameEn : s.nameZh);
  const selected = selection && 'segment' in selection ? grid.data?.segments.find((s) => s.segment === selection.segment) : undefined;
  const title =
    selection === null ? '' : 'segment' in selection ? t('insights.rfm.members', { segment: selected ? segmentName(selected) : selection.segment }) : t('insights.rfm.cellMembers', { r: selection.r, fm: selection.fm });
  const total = grid.data?.total;

  const rfm = (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={t('insights.rfm.title')} data-testid="insights-rfm">
          <Typography.Paragraph type="secondary">{t('insights.rfm.hint')}</Typography.Paragraph>
          <RunNowPanel model="rfm" canRun={isAdmin || Boolean(analysis?.create)} canSeeRuns={isAdmin || Boolean(analysis?.read)} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('insights.rfm.grid')} loading={grid.isPending}>
          {total && total.customers > 0 ? (
            <>
              <Typography.Paragraph data-testid="rfm-total">{t('insights.rfm.total', { count: total.customers, revenue: formatMoney(total.revenue, locale) })}</Typography.Paragraph>
              <RfmHeatGrid cells={grid.data?.cells ?? []} onSelect={(cell) => setSelection({ r: cell.r, fm: cell.fm })} />
            </>
          ) : (
            <Empty data-testid="rfm-empty" description={t('insights.rfm.empty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('insights.rfm.segments')} loading={grid.isPending}>
          <Table<RfmSegmentDto>
            data-testid="rfm-segments"
            rowKey="segment"
            size="small"
            pagination={false}
            dataSource={grid.data?.segments ?? []}
            onRow={(row) => ({ 'data-testid': `rfm-segment-${row.segment}`, onClick: () => row.customers > 0 && setSelection({ segment: row.segment }), style: { cursor: row.customers > 0 ? 'pointer' : 'default' } }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('insights.rfm.segment'), key: 'name', render: (_, row) => `${row.nameZh} ${row.nameEn}` },
              { title: t('insights.rfm.customers'), dataIndex: 'customers', align: 'right', render: (n: number, row) => <span data-testid={`rfm-segment-count-${row.segment}`}>{n}</span> },
              { title: t('insights.rfm.revenue'), dataIndex: 'revenue', align: 'right', render: (v: string) => formatMoney(v, locale) },
              { title: 'R', dataIndex: 'avgRecencyDays', align: 'right' },
              { title: 'F', dataIndex: 'avgFrequency', align: 'right' },
              { title: 'M', dataIndex: 'avgMonetary', align: 'right', render: (v: number) => formatMoney(v, locale) },
              { title: t('insights.rfm.cells'), key: 'cells', render: (_, row) => row.cells.join(' ') },
            ]}
          />
        </Card>
      </Col>
      {selection && (
        <Col span={24}>
          <Card title={title} data-testid="rfm-members-card">
            <RfmMembersTable key={JSON.stringify(selection)} selection={selection} />
          </Card>
        </Col>
      )}
    </Row>
  );

  return (
    <Tabs
      data-testid="insights-tabs"
      defaultActiveKey="rfm"
      items={[
        { key: 'rfm', label: <span data-testid="insights-tab-rfm">{t('insights.tab.rfm')}</span>, children: rfm },
        { key: 'portrait', label: <span data-testid="insights-tab-portrait">{t('insights.tab.portrait')}</span>, children: <PortraitSection /> },
        { key: 'cohort', label: <span data-testid="insights-tab-cohort">{t('insights.tab.cohort')}</span>, children: <CohortRetentionTable /> },
        { key: 'value', label: <span data-testid="insights-tab-value">{t('insights.tab.value')}</span>, children: <ValueAndRiskTab /> },
        { key: 'clusters', label: <span data-testid="insights-tab-clusters">{t('insights.tab.clusters')}</span>, children: <ClustersTab /> },
      ]}
    />
  );
}
