import { Button, Form, Input } from 'antd';
import type { Id } from '../../../app/api-types';
import { UserSelect } from '../../../app/components/user-select';
import { useI18n } from '../../../app/i18n/i18n-context';

export interface AuditFilterValues {
  action?: string;
  object?: string;
  recordId?: string;
  actorId?: Id;
}

export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AuditFilterValues>();
  const clean = (values: AuditFilterValues): AuditFilterValues => ({
    action: values.action?.trim() || undefined,
    object: values.object?.trim() || undefined,
    recordId: values.recordId?.trim() || undefined,
    actorId: values.actorId || undefined,
  });

  return (
    <Form<AuditFilterValues> form={form} layout="inline" onFinish={(values) => onApply(clean(values))} style={{ marginBottom: 16, rowGap: 8 }}>
      <Form.Item name="action" label={t('audit.action')}>
        <Input data-testid="audit-filter-action" placeholder="customer.update" allowClear />
      </Form.Item>
      <Form.Item name="object" label={t('audit.object')}>
        <Input data-testid="audit-filter-object" placeholder="customer" allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="recordId" label={t('audit.recordId')}>
        <Input data-testid="audit-filter-record" allowClear />
      </Form.Item>
      <Form.Item name="actorId" label={t('audit.actor')}>
        <UserSelect data-testid="audit-filter-actor" allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-filter-apply">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
