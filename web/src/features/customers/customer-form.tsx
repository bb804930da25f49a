import { Col, Form, type FormInstance, Row } from 'antd';
import type { FieldMeta } from '../../app/api-types';
import { useI18n } from '../../app/i18n/i18n-context';
import type { CustomerRecord } from './customers-api';
import { FieldInput } from './field-input';
import { fieldRules } from './field-rules';
import type { FormValues } from './form-values';

/** The fields a form may show: editable for this user and never the system ones (id, ownerId, createdAt…). */
export function editableFields(fields: readonly FieldMeta[]): FieldMeta[] {
  return fields.filter((field) => field.access === 'edit' && !field.system);
}

interface CustomerFormProps {
  form: FormInstance<FormValues>;
  fields: readonly FieldMeta[];
  /** Present when editing: masked sensitive values become placeholders. */
  record?: CustomerRecord;
  initialValues: FormValues;
  onFinish: (values: FormValues) => void;
}

/** A form generated from the field metadata, standard fields first, custom fields after. */
export function CustomerForm({ form, fields, record, initialValues, onFinish }: CustomerFormProps) {
  const i18n = useI18n();
  const ordered = [...fields.filter((field) => !field.custom), ...fields.filter((field) => field.custom)];

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      scrollToFirstError
      data-testid="customer-form"
    >
      <Row gutter={16}>
        {ordered.map((field) => {
          const masked = record && field.sensitive ? record[field.key] : undefined;
          const maskedText = typeof masked === 'string' && masked ? masked : undefined;
          return (
            <Col key={field.key} xs={24} md={field.type === 'multiselect' ? 24 : 12}>
              <Form.Item
                name={field.key}
                label={i18n.label(field)}
                required={field.required && !(record && field.sensitive)}
                rules={fieldRules(field, i18n, { requireValue: !(record && field.sensitive) })}
                valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
                extra={maskedText ? i18n.t('customers.unchangedMasked') : undefined}
              >
                <FieldInput field={field} testId={`customer-form-${field.key}`} placeholder={maskedText} />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
    </Form>
  );
}
