import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, MergeCellsOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../app/api-client';
import type { FieldMeta } from '../../app/api-types';
import { useObjectPermission } from '../../app/auth/auth-context';
import { testId } from '../../app/components/test-id';
import { useI18n } from '../../app/i18n/i18n-context';
import { Customer360Tab } from './customer-360-tab';
import { CustomerFormDrawer } from './customer-form-drawer';
import { CustomerTimelineTab } from './customer-timeline-tab';
import { type CustomerRecord, useCustomer, useCustomerFields, useDeleteCustomer } from './customers-api';
import { DETAIL_GROUPS, groupFields } from './detail-groups';
import { isEmptyValue } from './field-format';
import { MergeCustomersModal } from './merge-customers-modal';
import { MergeHistoryCard } from './merge-history-card';
import { type FieldLookups, renderFieldValue, useFieldLookups } from './field-value';
import { RevealableValue } from './revealable-value';
import { TransferOwnerModal } from './transfer-owner-modal';

function FieldCell({ field, record, lookups }: { field: FieldMeta; record: CustomerRecord; lookups: FieldLookups }) {
  const i18n = useI18n();
  const rendered = renderFieldValue(field, record, i18n, lookups);
  if (field.sensitive) {
    return <RevealableValue customerId={record.id} field={field} masked={rendered} hasValue={!isEmptyValue(record[field.key])} />;
  }
  return <span data-testid={`customer-detail-${field.key}`}>{rendered}</span>;
}

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const permission = useObjectPermission('customer');
  const fieldsQuery = useCustomerFields();
  const customerQuery = useCustomer(id);
  const lookups = useFieldLookups(fieldsQuery.data ?? []);
  const deleteCustomer = useDeleteCustomer();
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [merging, setMerging] = useState(false);
  const [tab, setTab] = useState('basic');

  if (fieldsQuery.isPending || customerQuery.isPending) return <Spin style={{ display: 'block', padding: 64 }} />;
  const error = fieldsQuery.error ?? customerQuery.error;
  if (error || !customerQuery.data || !fieldsQuery.data) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('customers.notFound') : t('common.loadFailed', { message: errorMessage(error) })}
        extra={
          <Link to="/customers">
            <Button>{t('common.back')}</Button>
          </Link>
        }
      />
    );
  }

  const record = customerQuery.data;
  const groups = groupFields(fieldsQuery.data);
  const name = typeof record.name === 'string' && record.name ? record.name : String(record.id);

  const remove = async () => {
    try {
      await deleteCustomer.mutateAsync(record.id);
      message.success(t('customers.deleted'));
      navigate('/customers', { replace: true });
    } catch (failure) {
      message.error(errorMessage(failure));
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="customer-back" />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-detail-title">
              {name}
            </Typography.Title>
          </Space>
          <Space wrap>
            {permission.update && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} data-testid="customer-merge">
                {t('merge.action')}
              </Button>
            )}
            {permission.update && (
              <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="customer-transfer">
                {t('customers.transfer')}
              </Button>
            )}
            {permission.update && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
            )}
            {permission.delete && (
              <Popconfirm
                title={t('customers.deleteConfirm', { name })}
                okText={t('common.delete')}
                okButtonProps={{ ...testId('customer-delete-confirm'), danger: true, loading: deleteCustomer.isPending }}
                cancelText={t('common.cancel')}
                onConfirm={remove}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="customer-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </div>
      </Card>
      {customerQuery.isError && <Alert type="error" message={errorMessage(customerQuery.error)} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'basic',
            label: <span data-testid="tab-basic">{t('customers.tab.basic')}</span>,
            children: (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                {DETAIL_GROUPS.filter(({ group }) => groups[group].length > 0).map(({ group, title }) => (
                  <Card key={group} title={t(title)} data-testid={`customer-detail-group-${group}`}>
                    <Descriptions
                      column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
                      items={groups[group].map((field) => ({
                        key: field.key,
                        label: i18n.label(field),
                        children: <FieldCell field={field} record={record} lookups={lookups} />,
                      }))}
                    />
                  </Card>
                ))}
              </Space>
            ),
          },
          { key: '360', label: <span data-testid="tab-360">{t('customers.tab.360')}</span>, children: <Customer360Tab customerId={record.id} active={tab === '360'} /> },
          { key: 'timeline', label: <span data-testid="tab-timeline">{t('customers.tab.timeline')}</span>, children: <CustomerTimelineTab customerId={record.id} active={tab === 'timeline'} /> },
          { key: 'merges', label: <span data-testid="tab-merges">{t('merge.history')}</span>, children: tab === 'merges' && <MergeHistoryCard customerId={Number(record.id)} /> },
        ]}
      />
      <CustomerFormDrawer open={editing} onClose={() => setEditing(false)} record={record} />
      <TransferOwnerModal record={record} open={transferring} onClose={() => setTransferring(false)} />
      {merging && <MergeCustomersModal customerId={Number(record.id)} open={merging} onClose={() => setMerging(false)} />}
    </Space>
  );
}
