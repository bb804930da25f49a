import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import { testId } from '../../../app/components/test-id';
import { useI18n } from '../../../app/i18n/i18n-context';
import { indexById } from '../../../app/reference-data';
import { formatDateTime } from '../../customers/field-format';
import { useRoles } from '../roles/roles-api';
import { ApiKeyCreateModal } from './api-key-create-modal';
import { type ApiKey, apiKeyStatus, useApiKeys, useRevokeApiKey } from './api-keys-api';

const STATUS_COLORS = { active: 'green', revoked: 'default', expired: 'orange' } as const;

export function ApiKeysPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const keys = useApiKeys();
  const roles = useRoles();
  const revoke = useRevokeApiKey();
  const rolesById = indexById(roles.data);
  const [creating, setCreating] = useState(false);

  const revokeKey = async (key: ApiKey) => {
    try {
      await revoke.mutateAsync(key.id);
      message.success(t('apiKeys.revoked.done'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const dateOrDash = (value: string | null | undefined) => (value ? formatDateTime(value) : '-');

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('apiKeys.title')}</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-new">
          {t('apiKeys.new')}
        </Button>
      }
    >
      {keys.error && <Alert type="error" showIcon message={errorMessage(keys.error)} style={{ marginBottom: 16 }} />}
      <Table<ApiKey>
        data-testid="api-keys-table"
        rowKey="id"
        loading={keys.isPending}
        dataSource={keys.data ?? []}
        pagination={false}
        onRow={(key) => testId(`api-key-row-${key.id}`)}
        columns={[
          { key: 'name', title: t('apiKeys.name'), dataIndex: 'name' },
          { key: 'prefix', title: t('apiKeys.prefix'), render: (_, key) => (key.prefix ? <code>{key.prefix}…</code> : '-') },
          { key: 'role', title: t('apiKeys.role'), render: (_, key) => rolesById(key.roleId)?.name ?? key.roleId },
          {
            key: 'status',
            title: t('apiKeys.status'),
            render: (_, key) => {
              const status = apiKeyStatus(key);
              return <Tag color={STATUS_COLORS[status]}>{t(`apiKeys.${status}`)}</Tag>;
            },
          },
          { key: 'createdAt', title: t('apiKeys.createdAt'), render: (_, key) => dateOrDash(key.createdAt) },
          { key: 'expiresAt', title: t('apiKeys.expiresAt'), render: (_, key) => (key.expiresAt ? formatDateTime(key.expiresAt) : t('apiKeys.never')) },
          { key: 'lastUsedAt', title: t('apiKeys.lastUsedAt'), render: (_, key) => dateOrDash(key.lastUsedAt) },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, key) =>
              apiKeyStatus(key) === 'revoked' ? null : (
                <Popconfirm
                  title={t('apiKeys.revokeConfirm')}
                  okButtonProps={{ ...testId('api-key-revoke-confirm'), danger: true }}
                  onConfirm={() => revokeKey(key)}
                >
                  <Button type="link" danger size="small" data-testid={`api-key-revoke-${key.id}`}>
                    {t('apiKeys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && <ApiKeyCreateModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
