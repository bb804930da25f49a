import { MergeCellsOutlined, ScanOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../app/api-client';
import { useMe } from '../../app/auth/auth-context';
import { testId } from '../../app/components/test-id';
import { useI18n } from '../../app/i18n/i18n-context';
import type { MessageKey } from '../../app/i18n/zh-CN';
import type { CustomerRecord } from '../customers/customers-api';
import { DUPLICATE_STATUSES, type DuplicatePair, type DuplicateStatus, useDuplicateActions, useDuplicates, usePairCustomers } from './duplicates-api';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** `mobile:exact` → 手机号 一致; `name:fuzzy:0.93` → 名字拼音 相似 0.93; unknown parts are shown as they are. */
export function reasonText(reason: string, t: Translate): string {
  const [field = '', how = '', similarity = ''] = reason.split(':');
  const fieldKey = `duplicates.reason.${field}` as MessageKey;
  const label = fieldKey in REASON_FIELDS ? t(fieldKey) : field;
  if (how === 'exact') return `${label} ${t('duplicates.how.exact')}`;
  if (how === 'fuzzy') return `${label} ${t('duplicates.how.fuzzy', { similarity })}`;
  return `${label} ${how}`.trim();
}

const REASON_FIELDS: Record<string, true> = Object.fromEntries(
  ['mobile', 'email', 'org', 'company', 'name', 'surname', 'title', 'region'].map((f) => [`duplicates.reason.${f}`, true]),
);

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function CustomerCell({ id, entry, testId }: { id: number; entry?: { record?: CustomerRecord; missing: boolean; loading: boolean }; testId: string }) {
  const { t } = useI18n();
  if (!entry || entry.loading) return <Typography.Text type="secondary">#{id}</Typography.Text>;
  if (entry.missing || !entry.record) return <Typography.Text type="secondary" data-testid={testId}>{t('duplicates.missingCustomer', { id })}</Typography.Text>;
  const r = entry.record;
  const lines = [text(r.mobile), text(r.email), text(r.company)].filter((v): v is string => v !== null);
  const created = text(r.createdAt);
  return (
    <Space direction="vertical" size={0} data-testid={testId}>
      <Link to={`/customers/${id}`}>{text(r.name) ?? `#${id}`}</Link>
      {lines.map((line) => (
        <Typography.Text key={line}>{line}</Typography.Text>
      ))}
      {created && <Typography.Text type="secondary">{t('duplicates.createdAt', { at: new Date(created).toLocaleString() })}</Typography.Text>}
    </Space>
  );
}

function PairActions({ pair }: { pair: DuplicatePair }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { accept, dismiss } = useDuplicateActions();
  if (pair.status !== 'pending') return <Typography.Text type="secondary">{pair.decidedAt ? new Date(pair.decidedAt).toLocaleString() : '—'}</Typography.Text>;
  const run = (action: typeof accept, done: MessageKey) =>
    action.mutate(pair, { onSuccess: () => void message.success(t(done)), onError: (error) => void message.error(t('duplicates.failed', { message: errorMessage(error) })) });
  return (
    <Space>
      <Popconfirm title={t('duplicates.acceptConfirm')} onConfirm={() => run(accept, 'duplicates.accepted')} okButtonProps={testId(`duplicate-${pair.id}-accept-ok`)}>
        <Button type="primary" size="small" icon={<MergeCellsOutlined />} loading={accept.isPending} data-testid={`duplicate-${pair.id}-accept`}>
          {t('duplicates.accept')}
        </Button>
      </Popconfirm>
      <Button size="small" loading={dismiss.isPending} onClick={() => run(dismiss, 'duplicates.dismissed')} data-testid={`duplicate-${pair.id}-dismiss`}>
        {t('duplicates.dismiss')}
      </Button>
    </Space>
  );
}

function ScanButton() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { scan } = useDuplicateActions();
  return (
    <Button
      icon={<ScanOutlined />}
      loading={scan.isPending}
      data-testid="duplicates-scan"
      onClick={() =>
        scan.mutate(undefined, {
          onSuccess: (r) => void message.success(t('duplicates.scanDone', { customers: r.customers, inserted: r.inserted, seconds: r.seconds })),
          onError: (error) => void message.error(t('duplicates.scanFailed', { message: errorMessage(error) })),
        })
      }
    >
      {t('duplicates.scan')}
    </Button>
  );
}

/** 重复客户: the review queue of suggested duplicates; a person merges or dismisses each pair. */
export function DuplicatesPage() {
  const { t } = useI18n();
  const { isAdmin } = useMe();
  const [status, setStatus] = useState<DuplicateStatus>('pending');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useDuplicates(status, paging.page, paging.pageSize);
  const items = query.data?.items ?? [];
  const customers = usePairCustomers(items);

  const columns: ColumnsType<DuplicatePair> = [
    { title: t('duplicates.score'), dataIndex: 'score', width: 90, render: (score: number) => <Tag color={score >= 20 ? 'red' : score >= 14 ? 'orange' : 'gold'}>{score.toFixed(1)}</Tag> },
    {
      title: t('duplicates.reasons'),
      dataIndex: 'reasons',
      width: 220,
      render: (reasons: string[], pair) => (
        <Space size={[0, 4]} wrap data-testid={`duplicate-${pair.id}-reasons`}>
          {reasons.map((r) => (
            <Tag key={r}>{reasonText(r, t)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('duplicates.customerA'), key: 'a', render: (_: unknown, pair) => <CustomerCell id={pair.customerA} entry={customers.get(pair.customerA)} testId={`duplicate-${pair.id}-a`} /> },
    { title: t('duplicates.customerB'), key: 'b', render: (_: unknown, pair) => <CustomerCell id={pair.customerB} entry={customers.get(pair.customerB)} testId={`duplicate-${pair.id}-b`} /> },
    { title: status === 'pending' ? t('duplicates.actions') : t('duplicates.decidedAt'), key: 'actions', width: 180, render: (_: unknown, pair) => <PairActions pair={pair} /> },
  ];

  return (
    <Card title={t('duplicates.title')} extra={isAdmin ? <ScanButton /> : null} data-testid="duplicates-page">
      <Typography.Paragraph type="secondary">{t('duplicates.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('duplicates.status')}</span>
        <Segmented<DuplicateStatus>
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={DUPLICATE_STATUSES.map((s) => ({ value: s, label: <span data-testid={`duplicates-status-${s}`}>{t(`duplicates.status.${s}` as MessageKey)}</span> }))}
        />
      </Space>
      <Table<DuplicatePair>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        columns={columns}
        dataSource={items}
        data-testid="duplicates-table"
        locale={{ emptyText: <Empty description={query.isError ? errorMessage(query.error) : t('duplicates.empty')} /> }}
        onRow={(pair) => testId(`duplicate-${pair.id}`)}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Card>
  );
}
