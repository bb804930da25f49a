import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { useI18n } from '../../app/i18n/i18n-context';
import { insightsKeys, useLatestRun, useRunProgress, useStartRun } from './insights-api';

/**
 * 立即计算 / Run now: starts a run of the model, shows a progress bar while polling it, and the time
 * of the last finished run. When the run succeeds the page's RFM queries are refreshed.
 */
export function RunNowPanel({ model, canRun, canSeeRuns }: { model: string; canRun: boolean; canSeeRuns: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const latest = useLatestRun(model, canSeeRuns);
  const start = useStartRun(model);
  const [runId, setRunId] = useState<number | null>(null);
  const active = useRunProgress(runId);
  const run = active.data ?? latest.data ?? null;

  useEffect(() => {
    if (active.data?.status === 'succeeded' || active.data?.status === 'failed') {
      void client.invalidateQueries({ queryKey: ['analytics', 'rfm'] });
      client.setQueryData(insightsKeys.runs(model), active.data);
    }
  }, [active.data, client, model]);

  const running = run !== null && (run.status === 'queued' || run.status === 'running');
  const statusText = run === null ? null : run.status === 'failed' ? t('insights.run.failed', { message: run.errorMessage ?? '' }) : t(`insights.run.${run.status}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          data-testid="insights-run-now"
          loading={start.isPending || running}
          disabled={!canRun}
          title={canRun ? undefined : t('insights.run.noPermission')}
          onClick={() => start.mutate(undefined, { onSuccess: (created) => setRunId(created.id) })}
        >
          {t('insights.run.now')}
        </Button>
        <Typography.Text type="secondary" data-testid="insights-last-run">
          {run?.finishedAt ? t('insights.run.last', { time: dayjs(run.finishedAt).format('YYYY-MM-DD HH:mm:ss') }) : t('insights.run.never')}
        </Typography.Text>
        {statusText && <Typography.Text data-testid="insights-run-status">{statusText}</Typography.Text>}
      </Space>
      {running && <Progress data-testid="insights-run-progress" percent={Math.round((run?.progress ?? 0) * 100)} status="active" />}
      {start.isError && <Alert type="error" showIcon message={errorMessage(start.error)} />}
    </Space>
  );
}
