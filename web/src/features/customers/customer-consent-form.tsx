import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { errorMessage } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { findableSelectProps, withTestIds } from '../../app/components/select-options';
import { testId } from '../../app/components/test-id';
import { useI18n } from '../../app/i18n/i18n-context';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentChannel, type ConsentPurpose, type ConsentStatus, useRecordConsent } from './customer-consent-api';

interface FormValues {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  evidence: string;
}

/** Records a grant or withdrawal with source `ui`; the evidence text is kept as `evidence.note`. */
export function CustomerConsentForm({ customerId, onClose }: { customerId: Id; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const record = useRecordConsent(customerId);
  const purposes = withTestIds('consent-form-purpose', CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`consent.purpose.${p}` as MessageKey) })));
  const channels = withTestIds('consent-form-channel', [...CONSENT_CHANNELS, 'any' as const].map((c) => ({ value: c, label: t(`consent.channel.${c}` as MessageKey) })));

  const submit = async () => {
    const values = await form.validateFields();
    record.mutate(
      { purpose: values.purpose, channel: values.channel, status: values.status, evidence: { note: values.evidence.trim() } },
      {
        onSuccess: () => {
          message.success(t('consent.recorded'));
          onClose();
        },
        onError: (error) => void message.error(t('consent.failed', { message: errorMessage(error) })),
      },
    );
  };

  return (
    <Modal open title={t('consent.recordTitle')} onOk={() => void submit()} onCancel={onClose} confirmLoading={record.isPending} okButtonProps={testId('consent-form-submit')} destroyOnClose>
      <Form form={form} layout="vertical" initialValues={{ purpose: 'marketing', channel: 'email', status: 'granted', evidence: '' }}>
        <Form.Item name="purpose" label={t('consent.purpose')} rules={[{ required: true }]}>
          <Select data-testid="consent-form-purpose" options={purposes} {...findableSelectProps} />
        </Form.Item>
        <Form.Item name="channel" label={t('consent.channel')} rules={[{ required: true }]}>
          <Select data-testid="consent-form-channel" options={channels} {...findableSelectProps} />
        </Form.Item>
        <Form.Item name="status" label={t('consent.status')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="granted" data-testid="consent-form-grant">
              {t('consent.grant')}
            </Radio>
            <Radio value="withdrawn" data-testid="consent-form-withdraw">
              {t('consent.withdraw')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="evidence" label={t('consent.evidence')} rules={[{ required: true, whitespace: true, message: t('consent.evidenceRequired') }]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('consent.evidenceHint')} data-testid="consent-form-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
