import { Alert, Col, Row, Statistic, Table } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { ImportResult, ImportRowError } from './imports-api';

/** The counts of a dry run (`preview`) or a commit; updated for customers, orders for orders. */
export function ImportCounts({ result, preview }: { result: ImportResult; preview: boolean }) {
  const { t } = useI18n();
  const items: { title: string; value: number; testId?: string }[] = [
    { title: t('imports.rows'), value: result.rows },
    ...(preview ? [{ title: t('imports.valid'), value: result.valid, testId: 'import-valid-count' }] : []),
    { title: t('imports.invalid'), value: result.invalid, testId: preview ? 'import-invalid-count' : undefined },
    { title: t(preview ? 'imports.willCreate' : 'imports.created'), value: result.created, testId: preview ? undefined : 'import-result-created' },
    ...(result.updated === undefined ? [] : [{ title: t(preview ? 'imports.willUpdate' : 'imports.updated'), value: result.updated }]),
    { title: t(preview ? 'imports.willSkip' : 'imports.skipped'), value: result.skipped },
    ...(result.ordersCreated === undefined ? [] : [{ title: t('imports.ordersCreated'), value: result.ordersCreated, testId: 'import-orders-created' }]),
    ...(result.ordersSkipped === undefined ? [] : [{ title: t('imports.ordersSkipped'), value: result.ordersSkipped }]),
  ];
  return (
    <Row gutter={16}>
      {items.map((item) => (
        <Col key={item.title}>
          <Statistic title={item.title} value={item.value} valueRender={() => <span data-testid={item.testId}>{item.value}</span>} />
        </Col>
      ))}
    </Row>
  );
}

export function CommitResult({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  return (
    <>
      {result.status === 'rejected' && <Alert type="warning" showIcon message={t('imports.rejected')} />}
      <ImportCounts result={result} preview={false} />
      {result.errors.length > 0 && <ErrorTable errors={result.errors} />}
    </>
  );
}

export function ErrorTable({ errors }: { errors: ImportRowError[] }) {
  const { t } = useI18n();
  return (
    <Table<ImportRowError>
      data-testid="import-errors"
      size="small"
      rowKey={(record) => `${record.row}-${record.field ?? ''}-${record.code}`}
      dataSource={errors}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        { title: t('imports.errorRow'), dataIndex: 'row', key: 'row', width: 80 },
        { title: t('imports.errorField'), dataIndex: 'field', key: 'field', width: 160 },
        { title: t('imports.errorMessage'), dataIndex: 'message', key: 'message' },
      ]}
    />
  );
}
