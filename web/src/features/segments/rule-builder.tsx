import { Alert, Card, Space, Statistic } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../app/api-client';
import { useI18n } from '../../app/i18n/i18n-context';
import { RuleGroup } from './rule-group';
import { type GroupDraft, toRule } from './rule-draft';
import { usePreview } from './segments-api';

/** A value that follows `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The API rule of a draft and its live preview (count and sample), asked for once the draft has
 * stopped changing for 400 ms; `enabled` false asks for nothing (the rule is still derived).
 */
export function useRulePreview(draft: GroupDraft, enabled = true) {
  const rule = useMemo(() => toRule(draft), [draft]);
  const settled = useDebounced(rule, 400);
  const query = usePreview(enabled ? settled : null);
  return {
    /** Null while no condition is complete. */
    rule,
    count: rule ? query.data?.count : undefined,
    sample: rule ? (query.data?.sample ?? []) : [],
    /** Still typing, or the count is being fetched. */
    busy: query.isFetching || rule !== settled,
    /** The server's objection to the rule (unknown field, bad value …), shown above the builder. */
    error: query.error instanceof ApiError ? query.error : null,
  };
}

export type RulePreview = ReturnType<typeof useRulePreview>;

function LiveCount({ count, busy }: { count: number | undefined; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Space>
      <Statistic data-testid="segment-live-count" value={count ?? '—'} valueStyle={{ fontSize: 20 }} />
      <span data-testid="segment-live-state">{busy ? t('segments.counting') : count === undefined ? '' : t('segments.liveCount', { count })}</span>
    </Space>
  );
}

interface Props {
  title: ReactNode;
  draft: GroupDraft;
  onChange: (next: GroupDraft) => void;
  /** From `useRulePreview(draft)`, so the caller can also save the rule and show the sample. */
  preview: RulePreview;
  size?: 'small' | 'default';
}

/**
 * The visual editor of a segment rule (AND/OR/NOT groups of conditions) with the live count of
 * matching customers: the segment builder and rule-based tags use it.
 */
export function RuleBuilder({ title, draft, onChange, preview, size }: Props) {
  const { t } = useI18n();
  const { rule, error } = preview;
  return (
    <Card size={size} title={title} extra={<LiveCount count={preview.count} busy={preview.busy} />}>
      {error && <Alert type="error" showIcon data-testid="segment-rule-error" message={error.message} description={error.field} style={{ marginBottom: 12 }} />}
      {!rule && <Alert type="info" message={t('segments.incomplete')} style={{ marginBottom: 12 }} />}
      <RuleGroup group={draft} onChange={onChange} />
    </Card>
  );
}
