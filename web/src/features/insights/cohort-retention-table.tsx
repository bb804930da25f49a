import { Card, Empty, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/i18n-context';
import { type CohortDto, useCohorts } from './insights-dashboard-api';
import { SnapshotStamp } from './snapshot-stamp';

/** Cell colour: white → blue with the share (0–1); text turns white on dark cells. */
function heat(share: number): React.CSSProperties {
  const alpha = Math.min(1, share * 1.6);
  return { background: `rgba(22, 119, 255, ${alpha.toFixed(3)})`, color: alpha > 0.55 ? '#fff' : undefined, textAlign: 'center' };
}

/** 留存: cohorts by first-purchase month and the share buying again in each later month. */
export function CohortRetentionTable() {
  const { t } = useI18n();
  const [months, setMonths] = useState(12);
  const cohorts = useCohorts(months);
  const rows = cohorts.data?.cohorts ?? [];
  const offsets = Array.from({ length: months - 1 }, (_, i) => i + 1);
  const any = rows.some((c) => c.customers > 0);

  return (
    <Card
      title={t('insights.cohort.title')}
      extra={<Segmented data-testid="cohort-months" value={months} onChange={(v) => setMonths(Number(v))} options={[6, 12, 24].map((n) => ({ value: n, label: t('insights.cohort.months', { n }) }))} />}
      loading={cohorts.isPending}
    >
      <Typography.Paragraph type="secondary">
        {t('insights.cohort.hint')} <SnapshotStamp computedAt={cohorts.data?.computedAt} onRefresh={() => void cohorts.refresh()} refreshing={cohorts.refreshing} testId="cohort-as-of" />
      </Typography.Paragraph>
      {!any ? (
        <Empty data-testid="cohort-empty" description={t('insights.cohort.empty')} />
      ) : (
        <Table<CohortDto>
          data-testid="cohort-table"
          size="small"
          bordered
          rowKey="month"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          onRow={(c) => ({ 'data-testid': `cohort-row-${c.month}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('insights.cohort.month'), dataIndex: 'month', fixed: 'left' },
            { title: t('insights.cohort.size'), dataIndex: 'customers', align: 'right', render: (n: number, c) => <span data-testid={`cohort-size-${c.month}`}>{n}</span> },
            ...offsets.map((offset) => ({
              title: `+${offset}`,
              key: `m${offset}`,
              onCell: (c: CohortDto) => {
                const cell = c.retention[offset - 1];
                return { style: cell && c.customers > 0 ? heat(cell.share) : { textAlign: 'center' as const } };
              },
              render: (_: unknown, c: CohortDto) => {
                const cell = c.retention[offset - 1];
                if (!cell || c.customers === 0) return '';
                return (
                  <span data-testid={`cohort-cell-${c.month}-${offset}`} title={t('insights.cohort.cellTitle', { customers: cell.customers, size: c.customers })}>
                    {(cell.share * 100).toFixed(1)}%
                  </span>
                );
              },
            })),
          ]}
        />
      )}
    </Card>
  );
}
