import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import { findableSelectProps, withTestIds } from '../../../app/components/select-options';
import { testId } from '../../../app/components/test-id';
import { useI18n } from '../../../app/i18n/i18n-context';
import { useRoles } from '../roles/roles-api';
import { type CreatedApiKey, useCreateApiKey } from './api-keys-api';
import type { Id } from '../../../app/api-types';

interface ApiKeyFormValues {
  name: string;
  roleId: Id;
  expiresAt?: Dayjs | null;
}

/** Creates a key, then shows it once with a copy button; closing forgets it. */
export function ApiKeyCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ApiKeyFormValues>();
  const roles = useRoles();
  const create = useCreateApiKey();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const submit = async (values: ApiKeyFormValues) => {
    try {
      const result = await create.mutateAsync({
        name: values.name.trim(),
        roleId: values.roleId,
        ...(values.expiresAt ? { expiresAt: values.expiresAt.endOf('day').toISOString() } : {}),
      });
      setCreated(result);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  if (created) {
    return (
      <Modal open title={t('apiKeys.createdTitle')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }}
        okButtonProps={testId('api-key-created-close')}>
        <Alert type="warning" showIcon message={t('apiKeys.shownOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          data-testid="api-key-value"
          code
          copyable={{ text: created.key, tooltips: [t('common.copy'), t('common.copied')] }}
          style={{ wordBreak: 'break-all' }}
        >
          {created.key}
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('apiKeys.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      okButtonProps={{ ...testId('api-key-form-submit'), loading: create.isPending }}
    >
      <Form<ApiKeyFormValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('apiKeys.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="api-key-form-name" autoFocus />
        </Form.Item>
        <Form.Item name="roleId" label={t('apiKeys.role')} rules={[{ required: true }]}>
          <Select
            {...findableSelectProps}
            data-testid="api-key-form-role"
            loading={roles.isPending}
            options={withTestIds(
              'api-key-form-role',
              (roles.data ?? []).map((role) => ({ value: role.id, label: role.name })),
            )}
          />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('apiKeys.expiresAt')} extra={t('apiKeys.never')}>
          <DatePicker
            data-testid="api-key-form-expires"
            style={{ width: '100%' }}
            disabledDate={(date) => date.isBefore(dayjs(), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
