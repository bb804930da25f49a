import { App, Alert, Button, Card, Space, Spin, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import type { FieldMeta } from '../../../app/api-types';
import { useI18n } from '../../../app/i18n/i18n-context';
import { useCustomerFields } from '../../customers/customers-api';
import { FieldPermissionsTable } from './field-permissions-table';
import { ObjectPermissionsTable } from './object-permissions-table';
import { completePermissions } from './permission-defaults';
import { type Role, type RolePermissions, useRolePermissions, useSaveRolePermissions } from './roles-api';

/** Loads a role's permissions and the customer fields, then hands a complete draft to the form. */
export function RolePermissionsEditor({ role }: { role: Role }) {
  const permissions = useRolePermissions(role.id);
  const fields = useCustomerFields();
  if (permissions.isPending || fields.isPending) return <Spin />;
  if (permissions.error || fields.error || !permissions.data || !fields.data) {
    return <Alert type="error" showIcon message={errorMessage(permissions.error ?? fields.error)} />;
  }
  return (
    <PermissionsForm
      key={`${role.id}:${permissions.dataUpdatedAt}`}
      role={role}
      fields={fields.data}
      initial={completePermissions(permissions.data, fields.data)}
    />
  );
}

function PermissionsForm({ role, fields, initial }: { role: Role; fields: FieldMeta[]; initial: RolePermissions }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<RolePermissions>(initial);
  const save = useSaveRolePermissions(role.id);

  const submit = async () => {
    try {
      await save.mutateAsync(draft);
      message.success(t('common.saved'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('roles.objectPermissions')}
        extra={
          <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => void submit()} data-testid="role-permissions-save">
            {t('roles.savePermissions')}
          </Button>
        }
      >
        <ObjectPermissionsTable value={draft.objects} onChange={(objects) => setDraft({ ...draft, objects })} />
      </Card>
      <Card
        size="small"
        title={
          <Space>
            {t('roles.fieldPermissions')}
            <Tooltip title={t('roles.maskedHint')}>
              <QuestionCircleOutlined />
            </Tooltip>
          </Space>
        }
      >
        <FieldPermissionsTable fields={fields} value={draft.fields} onChange={(next) => setDraft({ ...draft, fields: next })} />
      </Card>
      <Typography.Text type="secondary">{role.description}</Typography.Text>
    </Space>
  );
}
