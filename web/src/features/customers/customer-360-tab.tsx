import { Card, Col, Empty, Row, Spin, Statistic, Table, Tag } from 'antd';
import { errorMessage } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { useI18n } from '../../app/i18n/i18n-context';
import { CustomerConsentGrid } from './customer-consent-grid';
import { CustomerPrivacyActions } from './customer-privacy-actions';
import { type CustomerTraits, useCustomer360 } from './customer360-api';
import { CustomerTagsCard } from '../tags/customer-tags-card';
import { useCustomer } from './customers-api';

function customerName(name: unknown, id: Id): string {
  return typeof name === 'string' && name !== '' ? name : String(id);
}

function dateText(value: string | null): string {
  return value ? new Date(value).toLocaleString() : '—';
}

function TraitCards({ traits }: { traits: CustomerTraits }) {
  const { t } = useI18n();
  const cards: [string, string, React.ReactNode][] = [
    ['traits-order-count', t('customer360.orderCount'), traits.orderCount],
    ['traits-order-total', t('customer360.orderTotal'), traits.orderTotal],
    ['traits-aov', t('customer360.averageOrderValue'), traits.averageOrderValue ?? '—'],
    ['traits-interval', t('customer360.purchaseInterval'), traits.averagePurchaseIntervalDays ?? '—'],
    ['traits-first-seen', t('customer360.firstSeen'), dateText(traits.firstSeenAt)],
    ['traits-last-seen', t('customer360.lastSeen'), dateText(traits.lastSeenAt)],
    ['traits-last-order', t('customer360.lastOrder'), dateText(traits.lastOrderAt)],
  ];
  const counts = Object.entries(traits.eventCounts);
  return (
    <>
      <Row gutter={[16, 16]}>
        {cards.map(([id, title, value]) => (
          <Col key={id} xs={24} sm={12} lg={6}>
            <Card size="small">
              <Statistic title={title} value={value as string | number} valueRender={() => <span data-testid={id}>{value}</span>} />
            </Card>
          </Col>
        ))}
      </Row>
      {counts.length > 0 && (
        <Card size="small" title={t('customer360.eventCounts')} style={{ marginTop: 16 }}>
          {counts.map(([key, n]) => (
            <Tag key={key}>
              {key}: {n['7d']} / {n['30d']} / {n['90d']}
            </Tag>
          ))}
        </Card>
      )}
    </>
  );
}

/** The 360 view tab: computed traits, identifiers, the consent grid and personal-data rights. */
export function Customer360Tab({ customerId, active }: { customerId: Id; active: boolean }) {
  const { t } = useI18n();
  const query = useCustomer360(customerId, active);
  const customer = useCustomer(customerId);
  if (query.isPending) return <Spin style={{ display: 'block', padding: 32 }} />;
  if (query.isError) return <Empty description={t('common.loadFailed', { message: errorMessage(query.error) })} />;
  const view = query.data;
  return (
    <div data-testid="customer-360" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <CustomerTagsCard view={view} />
      <Card title={t('customer360.traits')}>{view.traits ? <TraitCards traits={view.traits} /> : <Empty description={t('customer360.noTraits')} />}</Card>
      <Card title={t('customer360.identifiers')}>
        <Table
          size="small"
          rowKey={(row) => `${row.type}:${row.value}:${row.createdAt}`}
          pagination={false}
          dataSource={view.identifiers}
          data-testid="customer-360-identifiers"
          columns={[
            { title: t('customer360.identifierType'), dataIndex: 'type' },
            { title: t('customer360.identifierValue'), dataIndex: 'value', render: (v: string | null) => v ?? '—' },
            { title: t('customer360.identifierSince'), dataIndex: 'createdAt', render: (v: string) => dateText(v) },
          ]}
        />
      </Card>
      <CustomerConsentGrid customerId={customerId} active={active} />
      <CustomerPrivacyActions customerId={customerId} name={customerName(customer.data?.name, customerId)} />
    </div>
  );
}
