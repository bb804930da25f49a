import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import { useI18n } from '../../../app/i18n/i18n-context';
import { indexById, useDepartmentOptions, useUserOptions } from '../../../app/reference-data';
import { formatDateTime } from '../../customers/field-format';
import { useRoles } from '../roles/roles-api';
import { UserFormModal } from './user-form-modal';
import { type AdminUser, useAdminUsers } from './users-api';

export function UsersPage() {
  const { t } = useI18n();
  const users = useAdminUsers();
  const roles = useRoles();
  const departments = useDepartmentOptions();
  const userOptions = useUserOptions();
  const rolesById = indexById(roles.data);
  const departmentsById = indexById(departments.data);
  const usersById = indexById(userOptions.data);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('users.title')}</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-new">
          {t('users.new')}
        </Button>
      }
    >
      {users.error && <Alert type="error" showIcon message={errorMessage(users.error)} style={{ marginBottom: 16 }} />}
      <Table<AdminUser>
        data-testid="users-table"
        rowKey="id"
        loading={users.isPending}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { key: 'name', title: t('users.name'), dataIndex: 'name' },
          { key: 'email', title: t('users.email'), dataIndex: 'email' },
          {
            key: 'department',
            title: t('users.department'),
            render: (_, user) => (user.departmentId ? (departmentsById(user.departmentId)?.name ?? '-') : '-'),
          },
          {
            key: 'manager',
            title: t('users.manager'),
            render: (_, user) => (user.managerId ? (usersById(user.managerId)?.name ?? '-') : '-'),
          },
          {
            key: 'roles',
            title: t('users.roles'),
            render: (_, user) =>
              (user.roleIds ?? []).map((id) => (
                <Tag key={id} bordered={false}>
                  {rolesById(id)?.name ?? id}
                </Tag>
              )),
          },
          {
            key: 'status',
            title: t('users.status'),
            render: (_, user) =>
              user.status === 'disabled' ? (
                <Tag color="default">{t('users.status.disabled')}</Tag>
              ) : (
                <Tag color="green">{t('users.status.active')}</Tag>
              ),
          },
          {
            key: 'lastLoginAt',
            title: t('users.lastLoginAt'),
            render: (_, user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : '-'),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, user) => (
              <Space>
                <Button type="link" size="small" onClick={() => setEditing(user)} data-testid={`user-edit-${user.id}`}>
                  {t('common.edit')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {/* Mounted per edit so the form starts from the chosen user's values. */}
      {editing && <UserFormModal open user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
