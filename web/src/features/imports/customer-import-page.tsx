import { InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Steps,
  Switch,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../app/api-client';
import { useObjectPermission } from '../../app/auth/auth-context';
import { findableSelectProps, withTestIds } from '../../app/components/select-options';
import { useI18n } from '../../app/i18n/i18n-context';
import { customerKeys, useCustomerFields } from '../customers/customers-api';
import { ImportTemplateBar } from './import-templates';
import { CommitResult, ErrorTable, ImportCounts } from './import-result';
import { type ColumnMapping, type DuplicateMode, downloadErrorReport, isXlsx, readCsvHeaders, runImport } from './imports-api';
import { type ImportObject, objectColumnKeys } from './object-columns';

const IGNORE = '__ignore__';

interface PickedFile {
  file: File;
  /** Changes on every pick, so the same file picked again is validated again. */
  version: number;
  headers: string[];
}

export function CustomerImportPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const permission = useObjectPermission('customer');

  if (!permission.create) {
    return (
      <Card>
        <Result status="403" title={t('imports.title')} subTitle={t('imports.noPermission')} extra={<Link to="/customers">{t('imports.toList')}</Link>} />
      </Card>
    );
  }
  return <ImportWizard />;
}

function ImportWizard() {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [object, setObject] = useState<ImportObject>('customers');
  const [upload, setUpload] = useState<PickedFile | null>(null);
  const [userMapping, setUserMapping] = useState<ColumnMapping | undefined>(undefined);
  const [duplicates, setDuplicates] = useState<DuplicateMode>('skip');
  const [strict, setStrict] = useState(false);
  const [downloading, setDownloading] = useState(false);

  const fieldsQuery = useCustomerFields();
  const fieldOptions = useMemo(
    () =>
      withTestIds<string>(undefined, [
        { value: IGNORE, label: t('imports.ignoreColumn') },
        ...(object === 'customers'
          ? (fieldsQuery.data ?? []).filter((field) => field.access === 'edit' && !field.system).map((field) => ({ value: field.key, label: i18n.label(field) }))
          : objectColumnKeys(object).map((key) => ({ value: key, label: t(`imports.col.${key}`) }))),
      ]),
    [fieldsQuery.data, i18n, t, object],
  );

  const dryRun = useQuery({
    queryKey: ['imports', object, 'dry-run', upload?.version, userMapping, duplicates, strict],
    queryFn: ({ signal }) => {
      if (!upload) throw new Error('no file');
      return runImport(object, upload.file, { mode: 'dry-run', duplicates, strict, mapping: userMapping }, signal);
    },
    enabled: upload !== null && step >= 1,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

  const commit = useMutation({
    mutationFn: () => {
      if (!upload) throw new Error('no file');
      return runImport(object, upload.file, { mode: 'commit', duplicates, strict, mapping: userMapping ?? dryRun.data?.mapping });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists });
      if (object !== 'customers') void queryClient.invalidateQueries({ queryKey: ['customer'] });
    },
  });

  const shownMapping: ColumnMapping = userMapping ?? dryRun.data?.mapping ?? {};
  const columns = useMemo(() => {
    const all = [...(upload?.headers ?? [])];
    for (const column of Object.keys(shownMapping)) if (!all.includes(column)) all.push(column);
    return all;
  }, [upload, shownMapping]);

  const pickFile = async (file: File) => {
    const headers = isXlsx(file) ? [] : await readCsvHeaders(file).catch(() => []);
    setUpload((previous) => ({ file, headers, version: (previous?.version ?? 0) + 1 }));
    setUserMapping(undefined);
    commit.reset();
  };

  const chooseObject = (next: ImportObject) => {
    setObject(next);
    setUserMapping(undefined);
    commit.reset();
  };

  const changeMapping = (column: string, field: string) => {
    const next: ColumnMapping = { ...shownMapping };
    if (field === IGNORE) delete next[column];
    else next[column] = field;
    setUserMapping(next);
  };

  const startCommit = () => {
    setStep(2);
    commit.mutate();
  };

  const download = async (id: string | number) => {
    setDownloading(true);
    try {
      await downloadErrorReport(id);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const restart = () => {
    setStep(0);
    setUpload(null);
    setUserMapping(undefined);
    commit.reset();
  };

  const preview = dryRun.data;
  const result = commit.data;
  const reportId = result?.errorReportId;

  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('imports.title')}
      </Typography.Title>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('imports.step.upload') }, { title: t('imports.step.mapping') }, { title: t('imports.step.import') }]}
      />

      {step === 0 && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>{t('imports.object')}</Typography.Text>
            <Radio.Group
              data-testid="import-object"
              optionType="button"
              value={object}
              onChange={(event) => chooseObject(event.target.value as ImportObject)}
              options={(['customers', 'orders', 'events'] as const).map((value) => ({
                value,
                label: <span data-testid={`import-object-${value}`}>{t(`imports.object.${value}`)}</span>,
              }))}
            />
          </Space>
          {object !== 'customers' && <Alert type="info" showIcon message={t(object === 'orders' ? 'imports.object.ordersHint' : 'imports.object.eventsHint')} />}
          <Upload.Dragger
            data-testid="import-upload"
            accept=".csv,.xlsx"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void pickFile(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.dragText')}</p>
            <p className="ant-upload-hint">{t('imports.dragHint')}</p>
          </Upload.Dragger>
          {upload && (
            <Typography.Text data-testid="import-file-name">{t('imports.selectedFile', { name: upload.file.name })}</Typography.Text>
          )}
          <Space>
            <Button onClick={() => navigate('/customers')}>{t('imports.toList')}</Button>
            <Button type="primary" data-testid="import-next" disabled={!upload} onClick={() => setStep(1)}>
              {t('imports.next')}
            </Button>
          </Space>
        </Space>
      )}

      {step === 1 && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {dryRun.error && (
            <Alert type="error" showIcon data-testid="import-dry-run-error" message={t('imports.dryRunFailed', { message: errorMessage(dryRun.error) })} />
          )}
          <ImportTemplateBar object={object} mapping={shownMapping} onApply={setUserMapping} />
          <Table<{ column: string }>
            rowKey="column"
            size="small"
            pagination={false}
            loading={dryRun.isFetching && !preview}
            dataSource={columns.map((column) => ({ column }))}
            columns={[
              { title: t('imports.column'), dataIndex: 'column', key: 'column' },
              {
                title: t('imports.field'),
                key: 'field',
                render: (_value, record) => (
                  <Select<string>
                    {...findableSelectProps}
                    showSearch
                    data-testid={`import-mapping-${record.column}`}
                    style={{ width: 240 }}
                    value={shownMapping[record.column] ?? IGNORE}
                    options={withTestIds<string>(`import-mapping-${record.column}`, fieldOptions)}
                    onChange={(value) => changeMapping(record.column, value)}
                  />
                ),
              },
            ]}
          />
          <Space size="large" wrap>
            <Space style={object === 'customers' ? undefined : { display: 'none' }}>
              <Typography.Text>{t('imports.duplicates')}</Typography.Text>
              <Radio.Group data-testid="import-duplicates" value={duplicates} onChange={(event) => setDuplicates(event.target.value as DuplicateMode)}>
                <Radio value="skip" data-testid="import-duplicates-skip">
                  {t('imports.duplicates.skip')}
                </Radio>
                <Radio value="update" data-testid="import-duplicates-update">
                  {t('imports.duplicates.update')}
                </Radio>
                <Radio value="create" data-testid="import-duplicates-create">
                  {t('imports.duplicates.create')}
                </Radio>
              </Radio.Group>
            </Space>
            <Space>
              <Typography.Text>{t('imports.strict')}</Typography.Text>
              <Switch data-testid="import-strict" checked={strict} onChange={setStrict} />
            </Space>
          </Space>
          {preview && (
            <>
              <ImportCounts result={preview} preview />
              {preview.errors.length > 0 && <ErrorTable errors={preview.errors} />}
            </>
          )}
          <Space>
            <Button onClick={() => setStep(0)}>{t('imports.back')}</Button>
            <Button
              type="primary"
              data-testid="import-commit"
              disabled={!preview || dryRun.isError || dryRun.isFetching || preview.valid === 0}
              onClick={startCommit}
            >
              {t('imports.commit')}
            </Button>
          </Space>
        </Space>
      )}

      {step === 2 && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {commit.isPending && <Progress data-testid="import-progress" percent={100} status="active" showInfo={false} />}
          {commit.isSuccess && <Progress data-testid="import-progress" percent={100} />}
          {commit.isPending && <Typography.Text>{t('imports.running')}</Typography.Text>}
          {commit.error && <Alert type="error" showIcon message={t('imports.commitFailed', { message: errorMessage(commit.error) })} />}
          {result && <CommitResult result={result} />}
          <Space>
            {reportId !== null && reportId !== undefined && (
              <Button data-testid="import-error-report" loading={downloading} onClick={() => void download(reportId)}>
                {t('imports.downloadErrors')}
              </Button>
            )}
            <Button onClick={restart} disabled={commit.isPending}>
              {t('imports.again')}
            </Button>
            <Button type="primary" data-testid="import-to-list" disabled={commit.isPending} onClick={() => navigate('/customers')}>
              {t('imports.toList')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
