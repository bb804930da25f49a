import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { useI18n } from '../../app/i18n/i18n-context';
import { useSegments } from '../segments/segments-api';
import { TagFormModal } from './tag-form-modal';
import { LAYER_COLOURS, TAG_LAYERS, type TagDefinition, useBulkTag, useDeleteTag, useRefreshTag, useTagDefinitions } from './tags-api';

/** Puts a manual tag on every member of a chosen segment. */
function BulkFromSegment({ tag }: { tag: TagDefinition }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const segments = useSegments();
  const bulk = useBulkTag();
  return (
    <Select<number>
      size="small"
      style={{ width: 180 }}
      placeholder={t('tags.bulk')}
      data-testid={`tag-bulk-${tag.id}`}
      value={null as unknown as number}
      options={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name, 'data-testid': `tag-bulk-${tag.id}-option-${s.id}` }))}
      onChange={(segmentId) =>
        void bulk.mutateAsync({ id: tag.id, segmentId }).then(
          (r) => message.success(t('tags.bulkDone', { count: r.changed })),
          (error: unknown) => message.error(errorMessage(error)),
        )
      }
    />
  );
}

/** /tags: tag definitions by layer with their customer counts; create, edit, refresh, bulk tag, delete. */
export function TagsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const tags = useTagDefinitions();
  const refresh = useRefreshTag();
  const remove = useDeleteTag();
  const [editing, setEditing] = useState<TagDefinition | 'new' | null>(null);
  const items = tags.data?.items ?? [];
  const fail = (error: unknown) => message.error(errorMessage(error));

  const table = (layer: string) => (
    <Table<TagDefinition>
      data-testid={`tags-table-${layer}`}
      rowKey="id"
      size="small"
      loading={tags.isLoading}
      pagination={false}
      locale={{ emptyText: t('tags.empty') }}
      dataSource={items.filter((tag) => tag.layer === layer)}
      columns={[
        { title: t('tags.name'), dataIndex: 'name', render: (name: string, tag) => <Tag color={LAYER_COLOURS[tag.layer]} data-testid={`tag-row-${tag.name}`}>{name}</Tag> },
        { title: t('tags.kind'), dataIndex: 'kind', render: (kind: TagDefinition['kind']) => t(`tags.kind.${kind}`) },
        { title: t('tags.customers'), dataIndex: 'customers', render: (n: number, tag) => <span data-testid={`tag-count-${tag.name}`}>{n}</span> },
        { title: t('tags.refreshedAt'), dataIndex: 'refreshedAt', render: (at: string | null) => (at ? new Date(at).toLocaleString() : '—') },
        {
          title: '',
          key: 'actions',
          render: (_: unknown, tag) => (
            <Space>
              <Button size="small" data-testid={`tag-edit-${tag.name}`} onClick={() => setEditing(tag)}>{t('tags.edit')}</Button>
              {tag.kind === 'manual' ? (
                <BulkFromSegment tag={tag} />
              ) : (
                <Button
                  size="small"
                  data-testid={`tag-refresh-${tag.name}`}
                  onClick={() => void refresh.mutateAsync(tag.id).then((r) => message.success(t('tags.refreshed', { added: r.added, removed: r.removed })), fail)}
                >
                  {t('tags.refresh')}
                </Button>
              )}
              <Popconfirm title={t('tags.deleteConfirm')} onConfirm={() => void remove.mutateAsync(tag.id).catch(fail)}>
                <Button size="small" danger>{t('tags.delete')}</Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('tags.title')}</Typography.Title>
        <Button type="primary" data-testid="tag-new" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('tags.new')}</Button>
      </Space>
      <Tabs
        items={TAG_LAYERS.map((layer) => ({
          key: layer,
          label: <span data-testid={`tags-tab-${layer}`}>{`${t(`tags.layer.${layer}`)} (${items.filter((tag) => tag.layer === layer).length})`}</span>,
          children: table(layer),
        }))}
      />
      {editing && <TagFormModal tag={editing} presets={tags.data?.presets ?? []} onClose={() => setEditing(null)} />}
    </Card>
  );
}
