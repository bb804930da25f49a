import { Card, Col, Empty, Result, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMe, useObjectPermission } from '../../app/auth/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { type RfmMemberSelection, type RfmSegmentDto, useRfmGrid } from './insights-api';
import { formatMoney, RfmHeatGrid } from './rfm-heat-grid';
import { RfmMembersTable } from './rfm-members-table';
import { RunNowPanel } from './run-now-panel';

/** 洞察 / Insights: the RFM grid, the 11 segments, their customers, and running RFM on demand. */
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

  return (
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
}
