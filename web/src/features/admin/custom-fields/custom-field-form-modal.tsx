import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import { FIELD_TYPES, type FieldOption, type FieldType } from '../../../app/api-types';
import { findableSelectProps, withTestIds } from '../../../app/components/select-options';
import { testId } from '../../../app/components/test-id';
import { useI18n } from '../../../app/i18n/i18n-context';
import { applyApiErrorToForm } from '../../../app/components/form-errors';
import { CUSTOM_FIELD_KEY_PATTERN, type CustomField, useSaveCustomField } from './custom-fields-api';
import { OptionsEditor } from './options-editor';

interface CustomFieldFormValues {
  key: string;
  labelZh: string;
  labelEn: string;
  type: FieldType;
  options?: FieldOption[];
  required: boolean;
}

const FORM_FIELDS = ['key', 'labelZh', 'labelEn', 'type', 'options', 'required'];

function hasOptions(type: FieldType | undefined): boolean {
  return type === 'select' || type === 'multiselect';
}

function cleanOptions(options: FieldOption[] | undefined): FieldOption[] {
  return (options ?? []).map((option) => ({
    value: option.value.trim(),
    labelZh: option.labelZh.trim(),
    labelEn: option.labelEn.trim(),
  }));
}

/** Create (all properties) or edit (labels, options, required; key and type are fixed once created). */
export function CustomFieldFormModal({ field, onClose }: { field?: CustomField; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CustomFieldFormValues>();
  const type = Form.useWatch('type', form) ?? field?.type;
  const save = useSaveCustomField();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: CustomFieldFormValues) => {
    setFailure(null);
    const options = hasOptions(values.type ?? field?.type) ? cleanOptions(values.options) : undefined;
    try {
      if (field) {
        await save.mutateAsync({
          id: field.id,
          input: { labelZh: values.labelZh.trim(), labelEn: values.labelEn.trim(), required: values.required, ...(options ? { options } : {}) },
        });
      } else {
        await save.mutateAsync({
          input: {
            object: 'customer',
            key: values.key,
            labelZh: values.labelZh.trim(),
            labelEn: values.labelEn.trim(),
            type: values.type,
            required: values.required,
            ...(options ? { options } : {}),
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
      open
      width={720}
      title={field ? t('customFields.edit') : t('customFields.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ ...testId('cf-form-submit'), loading: save.isPending }}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="cf-form-error" />}
      <Form<CustomFieldFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          key: field?.key.replace(/^cf_/, ''),
          labelZh: field?.labelZh,
          labelEn: field?.labelEn,
          type: field?.type ?? 'text',
          options: field?.options ?? [],
          required: field?.required ?? false,
        }}
      >
        <Form.Item
          name="key"
          label={t('customFields.key')}
          extra={field ? undefined : t('customFields.keyHint')}
          rules={[{ required: true }, { pattern: CUSTOM_FIELD_KEY_PATTERN, message: t('customFields.keyInvalid') }]}
        >
          <Input data-testid="cf-form-key" disabled={Boolean(field)} addonBefore="cf_" autoComplete="off" />
        </Form.Item>
        <Form.Item name="labelZh" label={t('customFields.labelZh')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input data-testid="cf-form-labelZh" />
        </Form.Item>
        <Form.Item name="labelEn" label={t('customFields.labelEn')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input data-testid="cf-form-labelEn" />
        </Form.Item>
        <Form.Item name="type" label={t('customFields.type')} rules={[{ required: true }]}>
          <Select
            {...findableSelectProps}
            data-testid="cf-form-type"
            disabled={Boolean(field)}
            options={withTestIds(
              'cf-form-type',
              FIELD_TYPES.map((candidate) => ({ value: candidate, label: t(`fieldType.${candidate}`) })),
            )}
          />
        </Form.Item>
        {hasOptions(type) && (
          <Form.Item label={t('customFields.options')} required>
            <OptionsEditor />
          </Form.Item>
        )}
        <Form.Item name="required" label={t('customFields.required')} valuePropName="checked">
          <Switch data-testid="cf-form-required" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
