import { App, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { errorMessage } from '../../app/api-client';
import { useObjectPermission } from '../../app/auth/auth-context';
import { testId } from '../../app/components/test-id';
import { useI18n } from '../../app/i18n/i18n-context';
import { type MergeRecord, useMergeHistory, useMergeMutations } from './merge-api';

const when = (iso: string) => new Date(iso).toLocaleString();

/** 合并记录: merges into or out of this customer, each with an Undo (unmerge) button. */
export function MergeHistoryCard({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const permission = useObjectPermission('customer');
  const history = useMergeHistory(customerId);
  const { unmerge } = useMergeMutations();

  const undo = async (record: MergeRecord) => {
    try {
      const result = await unmerge.mutateAsync(record.id);
      message.success(t('merge.undone', { id: result.restoredId }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Card title={t('merge.history')} data-testid="merge-history">
      <List
        loading={history.isPending}
        locale={{ emptyText: t('merge.history.empty') }}
        dataSource={history.data?.items ?? []}
        renderItem={(record) => (
          <List.Item
            data-testid={`merge-record-${record.id}`}
            actions={
              record.undoable && permission.update
                ? [
                    <Popconfirm
                      key="undo"
                      title={t('merge.undoConfirm')}
                      okButtonProps={{ ...testId(`merge-undo-confirm-${record.id}`), loading: unmerge.isPending }}
                      onConfirm={() => undo(record)}
                    >
                      <Button size="small" data-testid={`merge-undo-${record.id}`}>
                        {t('merge.undo')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2}>
              <Typography.Text>{t('merge.history.merged', { name: record.mergedName, id: record.mergedId, master: record.masterId })}</Typography.Text>
              <Space size={8} wrap>
                <Tag>{t(`merge.history.via.${record.via}`)}</Tag>
                <Typography.Text type="secondary">{when(record.mergedAt)}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('merge.history.moved', { events: record.moved.events ?? 0, identifiers: record.moved.identifiers ?? 0, orders: record.moved.orders ?? 0 })}
                </Typography.Text>
                {record.unmergedAt && <Tag color="orange">{t('merge.history.undone', { at: when(record.unmergedAt) })}</Tag>}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
