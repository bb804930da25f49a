import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../app/api-client';
import { useMe } from '../../app/auth/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { customerListLink, type FieldQuality, useQualityReport, useRecomputeQuality } from './quality-api';

const percent = (share: number) => Math.round(share * 1000) / 10;
const fieldLabel = (field: FieldQuality['field']) => `quality.field.${field}` as MessageKey;

/** One card per field: filled / invalid / duplicate shares as progress bars. */
function FieldCard({ row }: { row: FieldQuality }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t(fieldLabel(row.field))} data-testid={`quality-card-${row.field}`}>
      <Typography.Text type="secondary">{t('quality.filledShare')}</Typography.Text>
      <Progress percent={percent(row.filledShare)} size="small" data-testid={`quality-filled-${row.field}`} />
      <Typography.Text type="secondary">{t('quality.invalidShare')}</Typography.Text>
      <Progress percent={percent(row.invalidShare)} size="small" status={row.invalid > 0 ? 'exception' : 'normal'} data-testid={`quality-invalid-share-${row.field}`} />
      {row.duplicateShare !== null && (
        <>
          <Typography.Text type="secondary">{t('quality.duplicateShare')}</Typography.Text>
          <Progress percent={percent(row.duplicateShare)} size="small" strokeColor="#faad14" data-testid={`quality-duplicate-share-${row.field}`} />
        </>
      )}
    </Card>
  );
}

function useColumns(): ColumnsType<FieldQuality> {
  const { t } = useI18n();
  const linkTo = (ids: number[], label: MessageKey, testId: string) =>
    ids.length > 0 ? (
      <Link to={customerListLink({ ids })} data-testid={testId}>
        {t(label)}
      </Link>
    ) : null;
  return [
    { title: t('quality.field'), dataIndex: 'field', render: (field: FieldQuality['field']) => t(fieldLabel(field)) },
    {
      title: t('quality.filled'),
      render: (_, row) => (
        <Space>
          <span data-testid={`quality-filled-count-${row.field}`}>{row.filled.toLocaleString()}</span>
          {row.filled < row.total && <Link to={customerListLink({ emptyField: row.field })}>{t('quality.showEmpty')}</Link>}
        </Space>
      ),
    },
    {
      title: t('quality.invalid'),
      render: (_, row) => (
        <Space>
          <span data-testid={`quality-invalid-${row.field}`}>{row.invalid.toLocaleString()}</span>
          {linkTo(row.examples.invalid, 'quality.showInvalid', `quality-show-invalid-${row.field}`)}
        </Space>
      ),
    },
    { title: t('quality.suspicious'), render: (_, row) => <span data-testid={`quality-suspicious-${row.field}`}>{row.suspicious.toLocaleString()}</span> },
    {
      title: t('quality.duplicate'),
      render: (_, row) =>
        row.duplicate === null ? (
          '—'
        ) : (
          <Space>
            <span data-testid={`quality-duplicate-${row.field}`}>{row.duplicate.toLocaleString()}</span>
            {linkTo(row.examples.duplicate, 'quality.showDuplicate', `quality-show-duplicate-${row.field}`)}
          </Space>
        ),
    },
  ];
}

export function DataQualityPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { isAdmin, objects } = useMe();
  const allowed = isAdmin || Boolean(objects.customer?.export);
  const report = useQualityReport(allowed);
  const recompute = useRecomputeQuality();
  const columns = useColumns();

  if (!allowed) return <Result status="403" title={t('quality.title')} subTitle={t('quality.noPermission')} />;
  const data = report.data;
  const run = data?.lastRun;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="quality-page">
      <Card
        title={t('quality.title')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => report.refetch()} data-testid="quality-refresh">
              {t('quality.refresh')}
            </Button>
            {isAdmin && (
              <Button
                type="primary"
                loading={recompute.isPending}
                data-testid="quality-recompute"
                onClick={() => recompute.mutate(undefined, { onSuccess: () => message.success(t('quality.recomputeQueued')), onError: (e) => message.error(errorMessage(e)) })}
              >
                {t('quality.recompute')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('quality.subtitle')}</Typography.Paragraph>
        {report.error && <Alert type="error" message={errorMessage(report.error)} />}
        <Statistic title={t('quality.total')} value={data?.total ?? 0} loading={report.isLoading} valueRender={(node) => <span data-testid="quality-total">{node}</span>} />
        <Typography.Text type="secondary" data-testid="quality-last-run">
          {run ? t('quality.lastRun', { at: new Date(run.finishedAt).toLocaleString(), customers: run.customers, seconds: run.seconds }) : t('quality.neverRun')}
        </Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        {data?.fields.map((row) => (
          <Col key={row.field} xs={24} sm={12} lg={8} xl={6}>
            <FieldCard row={row} />
          </Col>
        ))}
      </Row>
      <Card>
        <Table rowKey="field" size="middle" pagination={false} loading={report.isLoading} columns={columns} dataSource={data?.fields ?? []} data-testid="quality-table" />
        <Typography.Text type="secondary">{t('quality.examplesNote')}</Typography.Text>
      </Card>
    </Space>
  );
}
