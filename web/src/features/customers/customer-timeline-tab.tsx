import { Button, Checkbox, Empty, List, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { useI18n } from '../../app/i18n/i18n-context';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { TIMELINE_KINDS, type TimelineItem, type TimelineKind, useCustomerTimeline } from './customer360-api';

const KIND_COLORS: Record<TimelineKind, string> = { event: 'blue', order: 'gold', change: 'purple' };
const KIND_LABELS: Record<TimelineKind, MessageKey> = { event: 'timeline.kind.event', order: 'timeline.kind.order', change: 'timeline.kind.change' };

function ItemDescription({ item }: { item: TimelineItem }) {
  const { t } = useI18n();
  const d = item.details;
  if (item.kind === 'change') {
    const fields = Array.isArray(d.fields) ? (d.fields as string[]) : [];
    return <>{t('timeline.changedFields', { fields: fields.join(', ') })}</>;
  }
  if (item.kind === 'order') {
    return <>{t('timeline.orderSummary', { amount: String(d.amount ?? ''), channel: String(d.channel ?? ''), status: String(d.status ?? '') })}</>;
  }
  return <>{String(d.type ?? '')}</>;
}

/** Calls `onVisible` whenever the element scrolls into view (infinite scroll). */
function useSentinel(onVisible: () => void) {
  const ref = useRef<HTMLDivElement | null>(null);
  const callback = useRef(onVisible);
  callback.current = onVisible;
  useEffect(() => {
    const node = ref.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) callback.current();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return ref;
}

/** Events, orders and profile changes newest first, loaded page by page as the list scrolls. */
export function CustomerTimelineTab({ customerId, active }: { customerId: Id; active: boolean }) {
  const { t } = useI18n();
  const [kinds, setKinds] = useState<TimelineKind[]>([...TIMELINE_KINDS]);
  const query = useCustomerTimeline(customerId, kinds, active);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const loadMore = () => {
    if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  };
  const sentinel = useSentinel(loadMore);

  return (
    <div data-testid="customer-timeline">
      <Checkbox.Group
        data-testid="timeline-filter"
        value={kinds}
        onChange={(next) => setKinds(TIMELINE_KINDS.filter((k) => next.includes(k)))}
        options={TIMELINE_KINDS.map((k) => ({ value: k, label: <span data-testid={`timeline-filter-${k}`}>{t(KIND_LABELS[k])}</span> }))}
        style={{ marginBottom: 16 }}
      />
      {query.isError ? (
        <Empty description={t('common.loadFailed', { message: errorMessage(query.error) })} />
      ) : (
        <List
          data-testid="timeline-list"
          loading={query.isPending && kinds.length > 0}
          dataSource={items}
          locale={{ emptyText: <Empty description={t('timeline.empty')} /> }}
          renderItem={(item, n) => (
            <List.Item key={`${item.kind}:${item.id}`} data-testid={`timeline-item-${n}`} data-kind={item.kind}>
              <List.Item.Meta
                title={
                  <span>
                    <Tag color={KIND_COLORS[item.kind]}>{t(KIND_LABELS[item.kind])}</Tag>
                    <span data-testid={`timeline-item-${n}-title`}>{item.title}</span>
                  </span>
                }
                description={<ItemDescription item={item} />}
              />
              <Typography.Text type="secondary">{new Date(item.at).toLocaleString()}</Typography.Text>
            </List.Item>
          )}
        />
      )}
      <div ref={sentinel} style={{ height: 1 }} />
      {query.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          {query.isFetchingNextPage ? (
            <Spin />
          ) : (
            <Button onClick={loadMore} data-testid="timeline-load-more">
              {t('timeline.loadMore')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
