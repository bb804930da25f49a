import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, type TablePaginationConfig, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../app/api-client';
import type { FilterCondition } from '../../app/api-types';
import { testId } from '../../app/components/test-id';
import { useObjectPermission } from '../../app/auth/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { ColumnPicker } from './column-picker';
import { buildCustomerColumns } from './customer-columns';
import { CustomerFormDrawer } from './customer-form-drawer';
import { type CustomerListParams, type CustomerRecord, useCustomerFields, useCustomerList } from './customers-api';
import { ExportButton } from './export-button';
import { useFieldLookups } from './field-value';
import { FilterBar } from './filter-bar';
import { formatSort, PAGE_SIZES, parseFilters, readListParams, serializeFilters, writeListParams } from './list-params';
import { useVisibleColumns } from './use-visible-columns';

export function CustomersListPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const permission = useObjectPermission('customer');
  const [search, setSearch] = useSearchParams();
  const params = readListParams(search);
  const filters = useMemo(() => parseFilters(params.filter), [params.filter]);
  const [creating, setCreating] = useState(false);

  const fieldsQuery = useCustomerFields();
  const fields = fieldsQuery.data ?? [];
  const listQuery = useCustomerList(params, fieldsQuery.isSuccess);
  const lookups = useFieldLookups(fields);
  const { visibleKeys, setVisibleKeys, resetToDefault } = useVisibleColumns(fields);
  const columns = buildCustomerColumns(fields, visibleKeys, params.sort, i18n, lookups);

  const update = (changes: Partial<CustomerListParams>) => setSearch(writeListParams({ ...params, ...changes }));
  const setFilters = (next: FilterCondition[]) => update({ filter: serializeFilters(next), page: 1 });

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<CustomerRecord> | SorterResult<CustomerRecord>[],
  ) => {
    const first = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = formatSort(first?.columnKey ? String(first.columnKey) : undefined, first?.order);
    const pageSize = pagination.pageSize ?? params.pageSize;
    const sortChanged = sort !== params.sort || pageSize !== params.pageSize;
    update({ sort, pageSize, page: sortChanged ? 1 : (pagination.current ?? 1) });
  };

  const data = listQuery.data;
  const error = fieldsQuery.error ?? listQuery.error;

  return (
    <Card>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('customers.title')}
        </Typography.Title>
        <Space>
          <ColumnPicker fields={fields} visibleKeys={visibleKeys} onChange={setVisibleKeys} onReset={resetToDefault} />
          {permission.export && <ExportButton params={params} />}
          {permission.create && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="customer-new" onClick={() => setCreating(true)}>
              {t('customers.new')}
            </Button>
          )}
        </Space>
      </div>
      <FilterBar
        fields={fields}
        lookups={lookups}
        q={params.q}
        filters={filters}
        onSearch={(q) => update({ q, page: 1 })}
        onFiltersChange={setFilters}
      />
      {error && <Alert type="error" showIcon message={t('common.loadFailed', { message: errorMessage(error) })} style={{ marginBottom: 16 }} />}
      <Table<CustomerRecord>
        data-testid="customers-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={fieldsQuery.isPending || listQuery.isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        onRow={(record) => testId(`customer-row-${record.id}`)}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) =>
            data?.totalCapped ? t('common.totalCapped', { total }) : t('common.total', { total }),
        }}
      />
      <CustomerFormDrawer open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
