import { App, Form, Input, Modal } from 'antd';
import { errorMessage } from '../../../app/api-client';
import { testId } from '../../../app/components/test-id';
import { useI18n } from '../../../app/i18n/i18n-context';
import { type Role, type RoleInput, useSaveRole } from './roles-api';

interface RoleFormModalProps {
  role?: Role;
  onClose: (saved?: Role) => void;
}

/** Create or rename a role; mounted only while open. */
export function RoleFormModal({ role, onClose }: RoleFormModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleInput>();
  const save = useSaveRole();

  const submit = async (values: RoleInput) => {
    try {
      const saved = await save.mutateAsync({ id: role?.id, input: { name: values.name.trim(), description: values.description ?? '' } });
      message.success(t('common.saved'));
      onClose(saved);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Modal
      open
      title={role ? t('common.edit') : t('roles.new')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ ...testId('role-form-submit'), loading: save.isPending }}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: role?.name, description: role?.description ?? '' }}>
        <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="role-form-name" autoFocus />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')}>
          <Input.TextArea data-testid="role-form-description" autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
