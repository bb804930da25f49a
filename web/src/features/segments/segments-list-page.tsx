import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../app/api-client';
import { useI18n } from '../../app/i18n/i18n-context';
import { downloadMembers, type Segment, useDeleteSegment, useSegments } from './segments-api';

/** /segments: saved segments with their member counts. */
export function SegmentsListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const segments = useSegments();
  const remove = useDeleteSegment();
  const act = (run: () => Promise<unknown>) => run().catch((error: unknown) => message.error(errorMessage(error)));
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('segments.title')}</Typography.Title>
        <Link to="/segments/new">
          <Button type="primary" data-testid="segment-new" icon={<PlusOutlined />}>{t('segments.new')}</Button>
        </Link>
      </Space>
      <Table<Segment>
        data-testid="segments-table"
        rowKey="id"
        loading={segments.isLoading}
        dataSource={segments.data?.items ?? []}
        locale={{ emptyText: t('segments.empty') }}
        pagination={false}
        columns={[
          { title: t('segments.name'), dataIndex: 'name', render: (name: string, s) => <Link data-testid={`segment-link-${s.id}`} to={`/segments/${s.id}`}>{name}</Link> },
          { title: t('segments.kind'), dataIndex: 'kind', render: (kind: Segment['kind']) => <Tag color={kind === 'dynamic' ? 'blue' : 'default'}>{t(`segments.kind.${kind}`)}</Tag> },
          { title: t('segments.members'), dataIndex: 'memberCount', render: (n: number, s) => <span data-testid={`segment-count-${s.id}`}>{n}</span> },
          { title: t('segments.refreshedAt'), dataIndex: 'refreshedAt', render: (at: string | null) => (at ? new Date(at).toLocaleString() : '—') },
          { title: t('segments.owner'), dataIndex: 'ownerName' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, s) => (
              <Space>
                <Button size="small" onClick={() => void act(() => downloadMembers(s.id))}>{t('segments.export')}</Button>
                <Popconfirm title={t('segments.delete')} onConfirm={() => void act(() => remove.mutateAsync(s.id))}>
                  <Button size="small" danger>{t('segments.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
