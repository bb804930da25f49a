import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import { DepartmentSelect } from '../../../app/components/department-select';
import { findableSelectProps, withTestIds } from '../../../app/components/select-options';
import { testId } from '../../../app/components/test-id';
import { UserSelect } from '../../../app/components/user-select';
import { useI18n } from '../../../app/i18n/i18n-context';
import { applyApiErrorToForm } from '../../../app/components/form-errors';
import { useRoles } from '../roles/roles-api';
import { type AdminUser, type UserStatus, useSaveUser } from './users-api';
import type { Id } from '../../../app/api-types';

interface UserFormValues {
  email: string;
  name: string;
  password?: string;
  departmentId?: Id;
  managerId?: Id;
  roleIds: Id[];
  status: UserStatus;
}

interface UserFormModalProps {
  open: boolean;
  user?: AdminUser;
  onClose: () => void;
}

const FORM_FIELDS = ['email', 'name', 'password', 'departmentId', 'managerId', 'roleIds', 'status'];

export function UserFormModal({ open, user, onClose }: UserFormModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const roles = useRoles();
  const save = useSaveUser();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: UserFormValues) => {
    setFailure(null);
    try {
      if (user) {
        await save.mutateAsync({
          id: user.id,
          input: {
            name: values.name,
            departmentId: values.departmentId ?? null,
            managerId: values.managerId ?? null,
            roleIds: values.roleIds,
            status: values.status,
            ...(values.password ? { password: values.password } : {}),
          },
        });
      } else {
        await save.mutateAsync({
          input: {
            email: values.email.trim(),
            name: values.name,
            password: values.password ?? '',
            roleIds: values.roleIds,
            ...(values.departmentId ? { departmentId: values.departmentId } : {}),
            ...(values.managerId ? { managerId: values.managerId } : {}),
          },
        });
      }
      message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setFailure(errorMessage(error));
      applyApiErrorToForm(form, error, FORM_FIELDS);
    }
  };

  return (
    <Modal
      open={open}
      title={user ? t('users.edit') : t('users.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ ...testId('user-form-submit'), loading: save.isPending }}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          email: user?.email,
          name: user?.name,
          departmentId: user?.departmentId ?? undefined,
          managerId: user?.managerId ?? undefined,
          roleIds: user?.roleIds ?? [],
          status: user?.status ?? 'active',
        }}
      >
        <Form.Item name="email" label={t('users.email')} rules={[{ required: !user, type: 'email' }]}>
          <Input data-testid="user-form-email" disabled={Boolean(user)} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="user-form-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={[{ required: !user, min: 8 }]}
          extra={user ? t('users.passwordHint') : undefined}
        >
          <Input.Password data-testid="user-form-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <DepartmentSelect data-testid="user-form-department" allowClear />
        </Form.Item>
        <Form.Item name="managerId" label={t('users.manager')}>
          <UserSelect data-testid="user-form-manager" allowClear excludeId={user?.id} />
        </Form.Item>
        <Form.Item name="roleIds" label={t('users.roles')}>
          <Select
            {...findableSelectProps}
            data-testid="user-form-roles"
            mode="multiple"
            loading={roles.isPending}
            options={withTestIds(
              'user-form-roles',
              (roles.data ?? []).map((role) => ({ value: role.id, label: role.name })),
            )}
          />
        </Form.Item>
        {user && (
          <Form.Item name="status" label={t('users.status')}>
            <Select
              {...findableSelectProps}
              data-testid="user-form-status"
              options={withTestIds<UserStatus>('user-form-status', [
                { value: 'active', label: t('users.status.active') },
                { value: 'disabled', label: t('users.status.disabled') },
              ])}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
