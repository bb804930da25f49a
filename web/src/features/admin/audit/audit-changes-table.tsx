import { Table, Typography } from 'antd';
import { useI18n } from '../../../app/i18n/i18n-context';
import { type ChangeRow, formatChangeValue, toChangeRows } from './audit-changes';

export function AuditChangesTable({ changes, entryId }: { changes: unknown; entryId: string }) {
  const { t } = useI18n();
  const rows = toChangeRows(changes);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<ChangeRow>
      data-testid={`audit-changes-${entryId}`}
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      columns={[
        { key: 'field', title: t('audit.field'), render: (_, row) => <code>{row.field}</code> },
        {
          key: 'old',
          title: t('audit.oldValue'),
          render: (_, row) => <Typography.Text delete type="secondary">{formatChangeValue(row.oldValue)}</Typography.Text>,
        },
        { key: 'arrow', title: '', width: 32, render: () => '→' },
        { key: 'new', title: t('audit.newValue'), render: (_, row) => formatChangeValue(row.newValue) },
      ]}
    />
  );
}
