import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../../app/api-client';
import { useI18n } from '../../../app/i18n/i18n-context';

interface IdentityRule {
  type: string;
  label: string;
  builtin: boolean;
  maxPerCustomer: number | null;
  priority: number;
  blockedValues: string[];
}

interface IdentityRules {
  rules: IdentityRule[];
  blockedValues: string[];
}

const RULES_KEY = ['identity', 'rules'] as const;

/** 身份规则 (/settings/identity-rules): limits, priorities and blocked values of identifier types. */
export function IdentityRulesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: RULES_KEY, queryFn: () => api.get<IdentityRules>('/api/identity/rules') });
  const [draft, setDraft] = useState<IdentityRules | null>(null);
  const [newType, setNewType] = useState('');
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
  const save = useMutation({
    mutationFn: (rules: IdentityRules) =>
      api.put<IdentityRules>('/api/identity/rules', {
        rules: rules.rules.map(({ type, label, maxPerCustomer, priority, blockedValues }) => ({ type, label, maxPerCustomer, priority, blockedValues })),
        blockedValues: rules.blockedValues,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(RULES_KEY, saved);
      message.success(t('identityRules.saved'));
    },
    onError: (error) => message.error(t('identityRules.failed', { message: errorMessage(error) })),
  });

  if (query.isError) return <Alert type="error" message={errorMessage(query.error)} />;
  if (!draft) return <Spin style={{ display: 'block', padding: 64 }} />;

  const update = (type: string, change: Partial<IdentityRule>) => setDraft({ ...draft, rules: draft.rules.map((r) => (r.type === type ? { ...r, ...change } : r)) });
  const add = () => {
    const type = newType.trim();
    if (!type || draft.rules.some((r) => r.type === type)) return;
    const priority = Math.max(0, ...draft.rules.map((r) => r.priority)) + 1;
    setDraft({ ...draft, rules: [...draft.rules, { type, label: type, builtin: false, maxPerCustomer: 1, priority, blockedValues: [] }] });
    setNewType('');
  };

  const columns = [
    {
      title: t('identityRules.type'),
      key: 'type',
      render: (_: unknown, r: IdentityRule) => (
        <Space>
          <Typography.Text code>{r.type}</Typography.Text>
          {r.builtin && <Tag>{t('identityRules.builtin')}</Tag>}
        </Space>
      ),
    },
    { title: t('identityRules.label'), key: 'label', render: (_: unknown, r: IdentityRule) => <Input size="small" value={r.label} maxLength={100} onChange={(e) => update(r.type, { label: e.target.value })} data-testid={`identity-rule-label-${r.type}`} /> },
    {
      title: t('identityRules.limit'),
      key: 'limit',
      render: (_: unknown, r: IdentityRule) => (
        <InputNumber size="small" min={1} max={1000} placeholder={t('identityRules.unlimited')} value={r.maxPerCustomer} onChange={(v) => update(r.type, { maxPerCustomer: v ?? null })} data-testid={`identity-rule-limit-${r.type}`} />
      ),
    },
    {
      title: t('identityRules.priority'),
      key: 'priority',
      render: (_: unknown, r: IdentityRule) => <InputNumber size="small" min={1} max={1000} value={r.priority} onChange={(v) => update(r.type, { priority: v ?? r.priority })} data-testid={`identity-rule-priority-${r.type}`} />,
    },
    {
      title: t('identityRules.blocked'),
      key: 'blocked',
      render: (_: unknown, r: IdentityRule) => (
        <Select size="small" mode="tags" style={{ minWidth: 200 }} value={r.blockedValues} onChange={(v: string[]) => update(r.type, { blockedValues: v })} data-testid={`identity-rule-blocked-${r.type}`} />
      ),
    },
    {
      title: '',
      key: 'remove',
      render: (_: unknown, r: IdentityRule) =>
        !r.builtin && <Button size="small" icon={<DeleteOutlined />} onClick={() => setDraft({ ...draft, rules: draft.rules.filter((x) => x.type !== r.type) })} data-testid={`identity-rule-remove-${r.type}`} aria-label={t('identityRules.remove')} />,
    },
  ];

  return (
    <Card title={t('identityRules.title')} data-testid="identity-rules-page">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('identityRules.intro')}</Typography.Paragraph>
        <Table size="small" rowKey="type" pagination={false} dataSource={[...draft.rules].sort((a, b) => a.priority - b.priority)} columns={columns} data-testid="identity-rules-table" />
        <Space>
          <Input value={newType} onChange={(e) => setNewType(e.target.value)} placeholder={t('identityRules.newType')} maxLength={40} data-testid="identity-rule-new-type" />
          <Button icon={<PlusOutlined />} onClick={add} data-testid="identity-rule-add">
            {t('identityRules.addType')}
          </Button>
        </Space>
        <div>
          <Typography.Text strong>{t('identityRules.globalBlocked')}</Typography.Text>
          <Select mode="tags" style={{ width: '100%', marginTop: 8 }} value={draft.blockedValues} onChange={(v: string[]) => setDraft({ ...draft, blockedValues: v })} data-testid="identity-rules-global-blocked" />
        </div>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate(draft)} data-testid="identity-rules-save">
          {t('identityRules.save')}
        </Button>
      </Space>
    </Card>
  );
}
