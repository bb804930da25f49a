import { Form, Input, Modal } from 'antd';
import { testId } from '../../../app/components/test-id';
import { useI18n } from '../../../app/i18n/i18n-context';

interface DepartmentNameModalProps {
  title: string;
  initialName?: string;
  saving: boolean;
  onSubmit: (name: string) => void;
  onClose: () => void;
}

/** Asks for a department name (create or rename). Mounted only while open. */
export function DepartmentNameModal({ title, initialName, saving, onSubmit, onClose }: DepartmentNameModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ ...testId('department-form-submit'), loading: saving }}
    >
      <Form form={form} layout="vertical" initialValues={{ name: initialName }} onFinish={(values) => onSubmit(values.name.trim())}>
        <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="department-form-name" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
