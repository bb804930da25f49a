import { Radio, Switch, Table, Tag } from 'antd';
import type { FieldMeta } from '../../../app/api-types';
import { useI18n } from '../../../app/i18n/i18n-context';
import type { FieldAccess, RoleFieldPermission } from './roles-api';

const ACCESS_LEVELS: FieldAccess[] = ['hidden', 'read', 'edit'];

interface FieldPermissionsTableProps {
  fields: readonly FieldMeta[];
  value: RoleFieldPermission[];
  onChange: (next: RoleFieldPermission[]) => void;
}

/** One row per customer field: hidden / read / edit, plus "masked" for sensitive fields. */
export function FieldPermissionsTable({ fields, value, onChange }: FieldPermissionsTableProps) {
  const { t, label } = useI18n();
  const ruleFor = (key: string) => value.find((entry) => entry.object === 'customer' && entry.field === key);
  const patch = (key: string, changes: Partial<RoleFieldPermission>) =>
    onChange(value.map((entry) => (entry.object === 'customer' && entry.field === key ? { ...entry, ...changes } : entry)));

  return (
    <Table<FieldMeta>
      data-testid="field-permissions"
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={[...fields]}
      columns={[
        {
          key: 'field',
          title: t('roles.field'),
          render: (_, field) => (
            <span>
              {label(field)} <code style={{ color: '#999' }}>{field.key}</code>
              {field.sensitive && (
                <Tag color="orange" bordered={false} style={{ marginInlineStart: 8 }}>
                  {t('roles.sensitive')}
                </Tag>
              )}
            </span>
          ),
        },
        {
          key: 'access',
          title: t('roles.access'),
          render: (_, field) => (
            <Radio.Group
              data-testid={`field-perm-${field.key}`}
              value={ruleFor(field.key)?.access}
              onChange={(event) => patch(field.key, { access: event.target.value as FieldAccess })}
            >
              {ACCESS_LEVELS.map((access) => (
                <Radio
                  key={access}
                  value={access}
                  disabled={access === 'edit' && field.system}
                  data-testid={`field-perm-${field.key}-${access}`}
                >
                  {t(`roles.access.${access}`)}
                </Radio>
              ))}
            </Radio.Group>
          ),
        },
        {
          key: 'masked',
          title: t('roles.masked'),
          render: (_, field) => {
            const rule = ruleFor(field.key);
            return (
              <Switch
                size="small"
                data-testid={`field-perm-${field.key}-masked`}
                checked={rule?.masked ?? false}
                disabled={!field.sensitive || rule?.access === 'hidden'}
                onChange={(masked) => patch(field.key, { masked })}
              />
            );
          },
        },
      ]}
    />
  );
}
