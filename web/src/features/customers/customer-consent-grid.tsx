import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { useObjectPermission } from '../../app/auth/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentEntry, type ConsentPurpose, type ConsentState, useConsents } from './customer-consent-api';
import { CustomerConsentForm } from './customer-consent-form';

/** Evidence as one short line: `note: 电话确认; form: signup`. */
function evidenceText(evidence: Record<string, unknown>): string {
  return Object.entries(evidence)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

function ConsentCell({ state, entry, testId }: { state?: ConsentState; entry?: ConsentEntry; testId: string }) {
  const { t } = useI18n();
  if (!state) return <Tag data-testid={testId}>{t('consent.status.none')}</Tag>;
  const granted = state.status === 'granted';
  const details = [
    new Date(state.occurredAt).toLocaleString(),
    entry ? t(`consent.source.${entry.source}` as MessageKey) : null,
    state.decidedByChannel === 'any' ? t('consent.viaAny') : null,
  ].filter(Boolean);
  const evidence = entry ? evidenceText(entry.evidence) : '';
  return (
    <div data-testid={testId} data-status={state.status}>
      <Tag color={granted ? 'green' : 'red'}>{t(granted ? 'consent.status.granted' : 'consent.status.withdrawn')}</Tag>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {details.join(' · ')}
      </Typography.Text>
      {evidence && (
        <Tooltip title={evidence}>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 180 }}>
            {evidence}
          </Typography.Text>
        </Tooltip>
      )}
    </div>
  );
}

/** Current consent per purpose × channel (with when, source and evidence), plus recording for permitted users. */
export function CustomerConsentGrid({ customerId, active }: { customerId: Id; active: boolean }) {
  const { t } = useI18n();
  const permission = useObjectPermission('customer');
  const query = useConsents(customerId, active);
  const [recording, setRecording] = useState(false);

  const extra = permission.update ? (
    <Button size="small" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="consent-record">
      {t('consent.record')}
    </Button>
  ) : null;
  if (query.isPending) return <Card title={t('consent.title')}><Spin /></Card>;
  if (query.isError) return <Card title={t('consent.title')}><Empty description={t('common.loadFailed', { message: errorMessage(query.error) })} /></Card>;
  const { current, history } = query.data;
  const entries = new Map(history.map((e) => [e.id, e]));
  const stateOf = (purpose: ConsentPurpose, channel: string) => current.find((s) => s.purpose === purpose && s.channel === channel);

  return (
    <Card title={t('consent.title')} extra={extra}>
      <Table
        size="small"
        rowKey="purpose"
        pagination={false}
        data-testid="consent-grid"
        dataSource={CONSENT_PURPOSES.map((purpose) => ({ purpose }))}
        columns={[
          { title: t('consent.purpose'), dataIndex: 'purpose', render: (p: ConsentPurpose) => t(`consent.purpose.${p}` as MessageKey) },
          ...CONSENT_CHANNELS.map((channel) => ({
            title: t(`consent.channel.${channel}` as MessageKey),
            key: channel,
            render: (_: unknown, row: { purpose: ConsentPurpose }) => {
              const state = stateOf(row.purpose, channel);
              return <ConsentCell state={state} entry={state ? entries.get(state.entryId) : undefined} testId={`consent-${row.purpose}-${channel}`} />;
            },
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('consent.noneHint')}
      </Typography.Paragraph>
      {recording && <CustomerConsentForm customerId={customerId} onClose={() => setRecording(false)} />}
    </Card>
  );
}
