import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n/i18n-context';
import { type MessageKey, zhCN } from '../../app/i18n/zh-CN';
import type { Customer360 } from '../customers/customer360-api';
import { LAYER_COLOURS } from './tags-api';

const CHURN_COLOURS: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };

/** The localized name of a model's code (`prefix` + code), or the code itself when there is none (a newer model's). */
function nameOf(t: (key: MessageKey) => string, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return key in zhCN ? t(key as MessageKey) : code;
}

/** The 360 view's compact card: tags coloured by layer, segments, and the model scores. */
export function CustomerTagsCard({ view }: { view: Pick<Customer360, 'tags' | 'segments' | 'scores'> }) {
  const { t, locale } = useI18n();
  const s = view.scores;
  const dash = '—';
  return (
    <Card title={`${t('nav.tags')} · ${t('scores.title')}`} data-testid="customer-360-tags" size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        {view.tags.length === 0 && <Typography.Text type="secondary">{t('tags.none')}</Typography.Text>}
        {view.tags.map((tag) => (
          <Tag key={tag.tag} color={LAYER_COLOURS[tag.layer]} title={`${t(`tags.layer.${tag.layer}`)} · ${t(`tags.kind.${tag.source}`)}`} data-testid={`customer-tag-${tag.tag}`}>
            {tag.tag}
          </Tag>
        ))}
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('tags.segments')}>
          <Space wrap data-testid="customer-360-segments">
            {view.segments.length === 0 ? dash : view.segments.map((seg) => <Link key={seg.id} to={`/segments/${seg.id}`}>{seg.name}</Link>)}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('scores.rfm')}>
          <span data-testid="customer-360-rfm">{s?.rfm ? `${locale === 'en' ? s.rfm.nameEn : s.rfm.nameZh} (R${s.rfm.r} F${s.rfm.f} M${s.rfm.m})` : dash}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('scores.clv')}>{s?.clv?.value12m ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('scores.pAlive')}>{s?.clv?.pAlive == null ? dash : `${Math.round(s.clv.pAlive * 100)}%`}</Descriptions.Item>
        <Descriptions.Item label={t('scores.churn')}>
          <span data-testid="customer-360-churn">
            {s?.churn?.level ? <Tag color={CHURN_COLOURS[s.churn.level]}>{nameOf(t, 'insights.dist.level.', s.churn.level)}</Tag> : dash}
            {s?.churn?.reasons.map((code) => nameOf(t, 'scores.churnReason.', code)).join(locale === 'en' ? ', ' : '、')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('scores.lead')}>{s?.lead?.grade ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('scores.cluster')}>{s?.cluster ? `#${s.cluster.clusterId}` : dash}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
