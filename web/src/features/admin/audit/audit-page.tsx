import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import { useI18n } from '../../../app/i18n/i18n-context';
import type { MessageKey } from '../../../app/i18n/zh-CN';
import { formatDateTime } from '../../customers/field-format';
import { type AuditEntry, type AuditQuery, useAuditLog, useVerifyAuditChain } from './audit-api';
import { AuditChangesTable } from './audit-changes-table';
import { type AuditFilterValues, AuditFilters } from './audit-filters';

const ACTOR_TYPES: Record<string, MessageKey> = {
  user: 'audit.actorType.user',
  apiKey: 'audit.actorType.apiKey',
  api_key: 'audit.actorType.apiKey',
  system: 'audit.actorType.system',
};

export function AuditPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const log = useAuditLog(query);
  const verify = useVerifyAuditChain();
  const result = verify.data;

  const applyFilters = (filters: AuditFilterValues) => setQuery({ page: 1, pageSize: query.pageSize, ...filters });

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('audit.title')}</Typography.Title>}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      {result && (
        <Alert
          data-testid="audit-verify-result"
          style={{ marginBottom: 16 }}
          showIcon
          closable
          type={result.ok ? 'success' : 'error'}
          message={
            result.ok
              ? t('audit.verifyOk', { checked: result.checked })
              : t('audit.verifyBroken', { checked: result.checked, brokenAt: String(result.brokenAt ?? '?') })
          }
        />
      )}
      {verify.error && <Alert type="error" showIcon message={errorMessage(verify.error)} style={{ marginBottom: 16 }} />}
      <AuditFilters onApply={applyFilters} />
      {log.error && <Alert type="error" showIcon message={errorMessage(log.error)} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey={(entry) => String(entry.id)}
        size="middle"
        loading={log.isFetching}
        dataSource={log.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (entry) => <AuditChangesTable changes={entry.changes} entryId={String(entry.id)} />,
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
        }}
        columns={[
          { key: 'at', title: t('audit.at'), render: (_, entry) => formatDateTime(entry.at), width: 150 },
          {
            key: 'actor',
            title: t('audit.actor'),
            render: (_, entry) => {
              const type = ACTOR_TYPES[entry.actorType];
              return (
                <span>
                  {type && <Tag bordered={false}>{t(type)}</Tag>}
                  {entry.actorName ?? entry.actorId ?? '-'}
                </span>
              );
            },
          },
          { key: 'action', title: t('audit.action'), render: (_, entry) => <code>{entry.action}</code> },
          { key: 'object', title: t('audit.object'), render: (_, entry) => entry.object ?? '-' },
          {
            key: 'recordId',
            title: t('audit.recordId'),
            render: (_, entry) => (entry.recordId ? <Typography.Text copyable>{entry.recordId}</Typography.Text> : '-'),
          },
          { key: 'ip', title: t('audit.ip'), render: (_, entry) => entry.ip ?? '-' },
          {
            key: 'requestId',
            title: t('audit.requestId'),
            render: (_, entry) => (entry.requestId ? <Typography.Text type="secondary">{entry.requestId}</Typography.Text> : '-'),
          },
        ]}
      />
    </Card>
  );
}
