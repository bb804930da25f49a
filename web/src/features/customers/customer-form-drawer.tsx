import { Alert, App, Button, Drawer, Form, Space, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { useI18n } from '../../app/i18n/i18n-context';
import { CustomerForm, editableFields } from './customer-form';
import { type CustomerRecord, useCreateCustomer, useCustomerFields, useUpdateCustomer } from './customers-api';
import { applyApiErrorToForm } from '../../app/components/form-errors';
import { type FormValues, formValuesToChanges, formValuesToCreateInput, recordToFormValues } from './form-values';

interface CustomerFormDrawerProps {
  open: boolean;
  onClose: () => void;
  /** Edit this record; without it the drawer creates a customer. */
  record?: CustomerRecord;
  onCreated?: (record: CustomerRecord) => void;
}

export function CustomerFormDrawer({ open, onClose, record, onCreated }: CustomerFormDrawerProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const fieldsQuery = useCustomerFields();
  const fields = useMemo(() => editableFields(fieldsQuery.data ?? []), [fieldsQuery.data]);
  const initialValues = useMemo(() => recordToFormValues(fields, record), [fields, record]);
  const create = useCreateCustomer();
  const update = useUpdateCustomer(record?.id ?? '');
  const saving = create.isPending || update.isPending;

  const submit = async (values: FormValues) => {
    setFailure(null);
    try {
      if (record) {
        const changes = formValuesToChanges(fields, initialValues, values);
        if (Object.keys(changes).length > 0) await update.mutateAsync(changes);
        message.success(t('customers.updated'));
        onClose();
      } else {
        const created = await create.mutateAsync(formValuesToCreateInput(fields, values));
        message.success(t('customers.created'));
        onClose();
        onCreated?.(created);
      }
    } catch (error) {
      setFailure(errorMessage(error));
      applyApiErrorToForm(
        form,
        error,
        fields.map((field) => field.key),
      );
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={720}
      destroyOnHidden
      title={record ? t('customers.edit') : t('customers.new')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="customer-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {failure && (
        <Alert data-testid="customer-form-error" type="error" showIcon message={failure} style={{ marginBottom: 16 }} />
      )}
      {fieldsQuery.isPending ? (
        <Spin />
      ) : (
        <CustomerForm form={form} fields={fields} record={record} initialValues={initialValues} onFinish={submit} />
      )}
    </Drawer>
  );
}
