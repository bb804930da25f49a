import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, List, Popconfirm, Row } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import type { Id } from '../../../app/api-types';
import { testId } from '../../../app/components/test-id';
import { useI18n } from '../../../app/i18n/i18n-context';
import { RoleFormModal } from './role-form-modal';
import { RolePermissionsEditor } from './role-permissions-editor';
import { type Role, useDeleteRole, useRoles } from './roles-api';

export function RolesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const roles = useRoles();
  const deleteRole = useDeleteRole();
  const [selectedId, setSelectedId] = useState<Id | undefined>();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const selected = roles.data?.find((role) => String(role.id) === String(selectedId)) ?? roles.data?.[0];

  const remove = async (role: Role) => {
    try {
      await deleteRole.mutateAsync(role.id);
      message.success(t('common.deleted'));
      if (String(selectedId) === String(role.id)) setSelectedId(undefined);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={8}>
        <Card
          title={t('roles.title')}
          extra={
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="role-new">
              {t('roles.new')}
            </Button>
          }
        >
          {roles.error && <Alert type="error" showIcon message={errorMessage(roles.error)} />}
          <List<Role>
            data-testid="roles-list"
            loading={roles.isPending}
            dataSource={roles.data ?? []}
            renderItem={(role) => (
              <List.Item
                data-testid={`role-item-${role.id}`}
                onClick={() => setSelectedId(role.id)}
                style={{
                  cursor: 'pointer',
                  paddingInline: 8,
                  background: String(selected?.id) === String(role.id) ? 'rgba(31,111,235,0.08)' : undefined,
                }}
                actions={[
                  <Button key="edit" size="small" type="text" icon={<EditOutlined />} data-testid={`role-edit-${role.id}`}
                    onClick={(event) => { event.stopPropagation(); setEditing(role); }} />,
                  <Popconfirm
                    key="delete"
                    title={t('roles.deleteConfirm', { name: role.name })}
                    okButtonProps={{ ...testId('role-delete-confirm'), danger: true }}
                    onConfirm={() => remove(role)}
                    disabled={role.builtin}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={role.builtin}
                      data-testid={`role-delete-${role.id}`} onClick={(event) => event.stopPropagation()} />
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta title={role.name} description={role.description || undefined} />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        {selected ? (
          <Card title={selected.name} data-testid="role-permissions">
            <RolePermissionsEditor key={selected.id} role={selected} />
          </Card>
        ) : (
          <Card>
            <Empty description={t('roles.selectHint')} />
          </Card>
        )}
      </Col>
      {editing && (
        <RoleFormModal
          role={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved?.id) setSelectedId(saved.id);
          }}
        />
      )}
    </Row>
  );
}
