import { App, Button, Card, Form, Input, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../app/api-client';
import { useI18n } from '../../app/i18n/i18n-context';
import type { CustomerRecord } from '../customers/customers-api';
import { RuleBuilder, useRulePreview } from './rule-builder';
import { emptyGroup, fromRule, type GroupDraft } from './rule-draft';
import { downloadMembers, useMembers, useRefreshSegment, useSaveSegment, useSegment } from './segments-api';

const customerColumns = (t: (k: 'segments.name') => string) => [
  { title: 'ID', dataIndex: 'id', width: 90 },
  { title: t('segments.name'), dataIndex: 'name', render: (name: string, c: CustomerRecord) => <Link to={`/customers/${c.id}`}>{name}</Link> },
  { title: 'Level', dataIndex: 'level', width: 90 },
];

/** New (/segments/new) or saved (/segments/:id) segment: visual rule builder, live count, preview, members. */
export function SegmentBuilderPage() {
  const { id: param } = useParams();
  const id = param && param !== 'new' ? Number(param) : undefined;
  const saved = useSegment(id);
  if (id && !saved.data) return <Card loading />;
  return <Builder key={id ?? 'new'} id={id} initial={saved.data} />;
}

function Builder({ id, initial }: { id: number | undefined; initial: ReturnType<typeof useSegment>['data'] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<GroupDraft>(() => (initial ? fromRule(initial.rule) : emptyGroup()));
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<'dynamic' | 'static'>(initial?.kind ?? 'dynamic');
  const preview = useRulePreview(draft);
  const { rule, error: ruleError } = preview;
  const save = useSaveSegment(id);

  const submit = async () => {
    if (!rule || !name.trim()) return;
    try {
      const segment = await save.mutateAsync({ name: name.trim(), kind, rule });
      message.success(t('segments.saved'));
      navigate(`/segments/${segment.id}`);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{id ? t('segments.edit') : t('segments.new')}</Typography.Title>
        <Link to="/segments">{t('segments.back')}</Link>
        <Form layout="inline" style={{ marginTop: 16 }}>
          <Form.Item label={t('segments.name')} required>
            <Input data-testid="segment-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('segments.kind')}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)}>
              <Radio data-testid="segment-kind-dynamic" value="dynamic">{t('segments.kind.dynamic')}</Radio>
              <Radio data-testid="segment-kind-static" value="static">{t('segments.kind.static')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Button type="primary" data-testid="segment-save" loading={save.isPending} disabled={!rule || !name.trim() || Boolean(ruleError)} onClick={() => void submit()}>
            {t('segments.save')}
          </Button>
        </Form>
      </Card>
      <RuleBuilder title={t('segments.builder')} draft={draft} onChange={setDraft} preview={preview} />
      <Card title={t('segments.preview')}>
        <Table<CustomerRecord> data-testid="segment-preview" rowKey="id" size="small" pagination={false} columns={customerColumns(t)} dataSource={preview.sample} />
      </Card>
      {id && <Members id={id} />}
    </Space>
  );
}

function Members({ id }: { id: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const members = useMembers(id, page);
  const refresh = useRefreshSegment(id);
  const exportCsv = async () => {
    try {
      await downloadMembers(id);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  const recompute = async () => {
    const result = await refresh.mutateAsync();
    message.success(t('segments.refreshed', { entered: result.entered, exited: result.exited }));
    void members.refetch();
  };
  return (
    <Card
      title={t('segments.memberList')}
      extra={
        <Space>
          <Button data-testid="segment-refresh" loading={refresh.isPending} onClick={() => void recompute()}>{t('segments.refresh')}</Button>
          <Button data-testid="segment-export" onClick={() => void exportCsv()}>{t('segments.export')}</Button>
        </Space>
      }
    >
      <Table<CustomerRecord>
        data-testid="segment-members"
        rowKey="id"
        size="small"
        loading={members.isLoading}
        columns={customerColumns(t)}
        dataSource={members.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: members.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}
