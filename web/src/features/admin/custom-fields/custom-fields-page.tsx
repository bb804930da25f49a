import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import { testId } from '../../../app/components/test-id';
import { useI18n } from '../../../app/i18n/i18n-context';
import { CustomFieldFormModal } from './custom-field-form-modal';
import { type CustomField, useCustomFields, useDeleteCustomField } from './custom-fields-api';

export function CustomFieldsPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const fields = useCustomFields();
  const remove = useDeleteCustomField();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);

  const deleteField = async (field: CustomField) => {
    try {
      await remove.mutateAsync(field.id);
      message.success(t('common.deleted'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('customFields.title')}</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="cf-new">
          {t('customFields.new')}
        </Button>
      }
    >
      {fields.error && <Alert type="error" showIcon message={errorMessage(fields.error)} style={{ marginBottom: 16 }} />}
      <Table<CustomField>
        data-testid="cf-table"
        rowKey="id"
        loading={fields.isPending}
        dataSource={fields.data ?? []}
        pagination={false}
        onRow={(field) => testId(`cf-row-${field.key}`)}
        columns={[
          { key: 'key', title: t('customFields.key'), render: (_, field) => <code>{field.key.startsWith('cf_') ? field.key : `cf_${field.key}`}</code> },
          { key: 'labelZh', title: t('customFields.labelZh'), dataIndex: 'labelZh' },
          { key: 'labelEn', title: t('customFields.labelEn'), dataIndex: 'labelEn' },
          { key: 'type', title: t('customFields.type'), render: (_, field) => t(`fieldType.${field.type}`) },
          {
            key: 'options',
            title: t('customFields.options'),
            render: (_, field) =>
              (field.options ?? []).map((option) => (
                <Tag key={option.value} bordered={false}>
                  {label(option)}
                </Tag>
              )),
          },
          {
            key: 'required',
            title: t('customFields.required'),
            render: (_, field) => (field.required ? t('common.yes') : t('common.no')),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, field) => (
              <Space>
                <Button type="link" size="small" onClick={() => setEditing(field)} data-testid={`cf-edit-${field.key}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('customFields.deleteConfirm', { name: label(field) })}
                  okButtonProps={{ ...testId('cf-delete-confirm'), danger: true }}
                  onConfirm={() => deleteField(field)}
                >
                  <Button type="link" size="small" danger data-testid={`cf-delete-${field.key}`}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <CustomFieldFormModal field={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
