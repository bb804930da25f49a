import { Alert, App, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../app/api-client';
import type { ListResponse } from '../../app/api-types';
import { testId } from '../../app/components/test-id';
import { useI18n } from '../../app/i18n/i18n-context';
import type { CustomerRecord } from './customers-api';
import { type MergePreview, type MergeStrategy, previewMerge, useMergeMutations } from './merge-api';

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  return String(value);
}

/** Remote search of customers to merge with (name, mobile, email …, as the list's keyword search). */
function useCustomerSearch(excludeId: number) {
  const [keyword, setKeyword] = useState('');
  const [options, setOptions] = useState<{ value: number; label: ReactNode }[]>([]);
  useEffect(() => {
    if (keyword.trim() === '') return;
    const controller = new AbortController();
    api
      .get<ListResponse<CustomerRecord>>('/api/customers', { q: keyword, page: 1, pageSize: 10 }, controller.signal)
      .then((res) => setOptions(res.items.filter((c) => Number(c.id) !== excludeId).map((c) => ({ value: Number(c.id), label: <span data-testid={`merge-search-option-${c.id}`}>{`${String(c.name ?? '')} #${c.id}`}</span> }))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [keyword, excludeId]);
  return { options, setKeyword };
}

/** 合并 dialog: pick customers, preview each field's merged value with a per-field strategy, confirm. */
export function MergeCustomersModal({ customerId, open, onClose }: { customerId: number; open: boolean; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { merge } = useMergeMutations();
  const search = useCustomerSearch(customerId);
  const [otherIds, setOtherIds] = useState<number[]>([]);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [strategies, setStrategies] = useState<Record<string, MergeStrategy>>({});

  useEffect(() => {
    setPreview(null);
    if (!open || otherIds.length === 0) return;
    previewMerge(customerId, otherIds).then(
      (p) => {
        setPreview(p);
        setFailure(null);
      },
      (error) => setFailure(errorMessage(error)),
    );
  }, [customerId, otherIds, open]);

  const confirm = async () => {
    try {
      const result = await merge.mutateAsync({ id: customerId, otherIds, strategies });
      message.success(t('merge.done', { id: result.masterId }));
      setOtherIds([]);
      onClose();
      if (result.masterId !== customerId) navigate(`/customers/${result.masterId}`);
    } catch (error) {
      message.error(t('merge.failed', { message: errorMessage(error) }));
    }
  };

  const columns = [
    { title: t('merge.field'), key: 'field', render: (_: unknown, f: MergePreview['fields'][number]) => i18n.label(f) },
    ...(preview?.customers ?? []).map((c, i) => ({
      title: (
        <Space size={4}>
          {`${c.name} #${c.id}`}
          {c.master && <Tag color="blue">{t('merge.master')}</Tag>}
        </Space>
      ),
      key: `c${c.id}`,
      render: (_: unknown, f: MergePreview['fields'][number]) => valueText(f.values[i]?.value),
    })),
    {
      title: t('merge.strategy'),
      key: 'strategy',
      render: (_: unknown, f: MergePreview['fields'][number]) => (
        <Select
          size="small"
          style={{ width: 130 }}
          value={strategies[f.key] ?? f.strategy}
          onChange={(s: MergeStrategy) => setStrategies((all) => ({ ...all, [f.key]: s }))}
          options={f.strategies.map((s) => ({ value: s, label: t(`merge.strategy.${s}`) }))}
          data-testid={`merge-strategy-${f.key}`}
        />
      ),
    },
    {
      title: t('merge.result'),
      key: 'result',
      render: (_: unknown, f: MergePreview['fields'][number]) => <span data-testid={`merge-result-${f.key}`}>{valueText(f.results[strategies[f.key] ?? f.strategy])}</span>,
    },
  ];

  return (
    <Modal
      open={open}
      title={t('merge.title')}
      width={960}
      onCancel={onClose}
      onOk={confirm}
      okText={t('merge.confirm')}
      okButtonProps={{ ...testId('merge-confirm'), disabled: !preview, loading: merge.isPending }}
      destroyOnClose
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('merge.intro')}</Typography.Paragraph>
        <Select
          mode="multiple"
          showSearch
          filterOption={false}
          style={{ width: '100%' }}
          placeholder={t('merge.pick')}
          onSearch={search.setKeyword}
          options={search.options}
          value={otherIds}
          onChange={setOtherIds}
          data-testid="merge-search"
        />
        {failure && <Alert type="error" message={failure} />}
        {preview && <Table size="small" rowKey="key" pagination={false} dataSource={preview.fields} columns={columns} data-testid="merge-preview" scroll={{ y: 420 }} />}
      </Space>
    </Modal>
  );
}
