import { ReloadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../app/i18n/i18n-context';

/** "Figures as of HH:mm" and a button to have them recomputed now (the server keeps them up to an hour). */
export function SnapshotStamp({ computedAt, onRefresh, refreshing, testId }: { computedAt?: string; onRefresh: () => void; refreshing: boolean; testId: string }) {
  const { t } = useI18n();
  if (!computedAt) return null;
  return (
    <Space size={4} data-testid={testId}>
      <Typography.Text type="secondary">{t('insights.asOf', { time: dayjs(computedAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
      <Button size="small" type="link" icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh} data-testid={`${testId}-refresh`}>
        {t('insights.refresh')}
      </Button>
    </Space>
  );
}
