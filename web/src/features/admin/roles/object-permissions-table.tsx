import { Checkbox, Select, Table } from 'antd';
import { DATA_SCOPES, type DataScope } from '../../../app/api-types';
import { findableSelectProps, withTestIds } from '../../../app/components/select-options';
import { useI18n } from '../../../app/i18n/i18n-context';
import type { MessageKey } from '../../../app/i18n/zh-CN';
import type { RoleObjectPermission } from './roles-api';

const ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;
type Action = (typeof ACTIONS)[number];

interface ObjectPermissionsTableProps {
  value: RoleObjectPermission[];
  onChange: (next: RoleObjectPermission[]) => void;
}

function objectLabel(object: string): MessageKey | undefined {
  const labels: Record<string, MessageKey> = { customer: 'object.customer', segment: 'object.segment', tag: 'object.tag', analysis: 'object.analysis' };
  return labels[object];
}

export function ObjectPermissionsTable({ value, onChange }: ObjectPermissionsTableProps) {
  const { t } = useI18n();
  const patch = (object: string, changes: Partial<RoleObjectPermission>) =>
    onChange(value.map((entry) => (entry.object === object ? { ...entry, ...changes } : entry)));

  return (
    <Table<RoleObjectPermission>
      data-testid="object-permissions"
      rowKey="object"
      size="small"
      pagination={false}
      dataSource={value}
      columns={[
        {
          key: 'object',
          title: t('roles.object'),
          render: (_, entry) => {
            const key = objectLabel(entry.object);
            return key ? t(key) : entry.object;
          },
        },
        ...ACTIONS.map((action: Action) => ({
          key: action,
          title: t(`roles.perm.${action}`),
          align: 'center' as const,
          render: (_: unknown, entry: RoleObjectPermission) => (
            <Checkbox
              data-testid={`perm-${entry.object}-${action}`}
              checked={entry[action]}
              onChange={(event) => patch(entry.object, { [action]: event.target.checked })}
            />
          ),
        })),
        {
          key: 'dataScope',
          title: t('roles.dataScope'),
          render: (_, entry) => (
            <Select<DataScope>
              {...findableSelectProps}
              data-testid={`perm-${entry.object}-dataScope`}
              style={{ width: 170 }}
              value={entry.dataScope}
              onChange={(dataScope) => patch(entry.object, { dataScope })}
              options={withTestIds<DataScope>(
                `perm-${entry.object}-dataScope`,
                DATA_SCOPES.map((scope) => ({ value: scope, label: t(`dataScope.${scope}`) })),
              )}
            />
          ),
        },
      ]}
    />
  );
}
