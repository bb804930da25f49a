import { AutoComplete, Input, InputNumber, Select, Space } from 'antd';
import type { FieldMeta, FilterOp, FilterValue } from '../../app/api-types';
import { findableSelectProps, withTestIds } from '../../app/components/select-options';
import { useI18n } from '../../app/i18n/i18n-context';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { useCustomerFields } from '../customers/customers-api';
import { FilterValueInput } from '../customers/filter-value-input';
import { operatorsFor } from '../customers/filter-operators';
import { CONDITION_KINDS, type ConditionDraft, type ConditionKind, emptyCondition } from './rule-draft';
import { useSegments, useTags } from './segments-api';

const SCORES: Record<string, 'text' | 'number'> = {
  rfm_segment: 'text', churn_level: 'text', lead_grade: 'text', cluster: 'number', clv_value_12m: 'number', clv_p_alive: 'number', churn_risk: 'number', lead_points: 'number',
};
const TRAITS: Record<string, 'number' | 'datetime'> = {
  order_count: 'number', order_total: 'number', average_order_value: 'number', average_purchase_interval_days: 'number', last_seen_at: 'datetime', last_order_at: 'datetime', first_seen_at: 'datetime',
};
const VALUE_OPS = { text: ['eq', 'ne', 'isEmpty', 'isNotEmpty'], number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'isEmpty', 'isNotEmpty'], datetime: ['withinDays', 'notWithinDays', 'isEmpty', 'isNotEmpty'] };
const COMPARE_OPS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'];
const W = (width: number) => ({ width });

interface Props {
  value: ConditionDraft;
  onChange: (next: ConditionDraft) => void;
}

/** One condition row; what it shows depends on the condition's kind. */
export function ConditionRow({ value, onChange }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...value, ...patch });
  const kinds = CONDITION_KINDS.map((k) => ({ value: k, label: t(`segments.kindOf.${k}` as MessageKey) }));
  return (
    <Space wrap data-testid="condition-row">
      <Select {...findableSelectProps} data-testid="condition-kind" style={W(130)} value={value.kind} options={withTestIds('condition-kind', kinds)}
        onChange={(kind: ConditionKind) => onChange({ ...emptyCondition(kind), id: value.id, negate: value.negate })} />
      <ConditionInputs value={value} set={set} />
    </Space>
  );
}

function opOptions(t: (k: MessageKey) => string, ops: readonly string[]) {
  return withTestIds('condition-op', ops.map((op) => ({ value: op, label: t((op.endsWith('WithinDays') || op === 'withinDays' ? `segments.op.${op}` : `filter.op.${op}`) as MessageKey) })));
}

function ConditionInputs({ value, set }: { value: ConditionDraft; set: (patch: Partial<ConditionDraft>) => void }) {
  const { t } = useI18n();
  const days = <InputNumber data-testid="condition-days" min={1} max={3660} placeholder={t('segments.withinDays')} value={value.withinDays ?? null} onChange={(d) => set({ withinDays: d })} />;
  switch (value.kind) {
    case 'field':
      return <FieldInputs value={value} set={set} />;
    case 'event':
      return (
        <>
          <Input data-testid="condition-event" style={W(220)} placeholder={t('segments.eventName')} value={value.subject ?? ''} onChange={(e) => set({ subject: e.target.value })} />
          <InputNumber data-testid="condition-at-least" min={1} addonBefore={t('segments.atLeast')} value={value.atLeast ?? 1} onChange={(n) => set({ atLeast: n ?? 1 })} />
          {days}
        </>
      );
    case 'orders':
      return (
        <>
          <Select data-testid="condition-measure" style={W(150)} value={value.measure} onChange={(measure) => set({ measure })}
            options={withTestIds('condition-measure', (['count', 'sum', 'avg'] as const).map((m) => ({ value: m, label: t(`segments.measure.${m}`) })))} />
          <Select data-testid="condition-op" style={W(110)} value={value.op} onChange={(op) => set({ op })} options={opOptions(t, COMPARE_OPS)} />
          <InputNumber data-testid="condition-value" value={typeof value.value === 'number' ? value.value : null} onChange={(v) => set({ value: v ?? undefined })} />
          {days}
        </>
      );
    case 'bought':
      return (
        <>
          <Select data-testid="condition-bought-by" style={W(110)} value={value.boughtBy} onChange={(boughtBy) => set({ boughtBy })}
            options={[{ value: 'sku', label: t('segments.sku') }, { value: 'category', label: t('segments.category') }]} />
          <Input data-testid="condition-value" style={W(180)} value={value.subject ?? ''} onChange={(e) => set({ subject: e.target.value })} />
          {days}
        </>
      );
    case 'tag':
      return <TagInput value={value.subject} onChange={(subject) => set({ subject })} />;
    case 'segment':
      return <SegmentInput value={value.segment} onChange={(segment) => set({ segment })} />;
    case 'identifier':
      return (
        <>
          <Select data-testid="condition-subject" style={W(140)} value={value.subject} onChange={(subject) => set({ subject })}
            options={withTestIds('condition-subject', ['mobile', 'email', 'userId', 'anonymousId'].map((v) => ({ value: v, label: v })))} />
          <Select data-testid="condition-op" style={W(110)} value={value.op} onChange={(op) => set({ op })}
            options={[{ value: 'exists', label: t('segments.exists') }, { value: 'notExists', label: t('segments.notExists') }]} />
        </>
      );
    default:
      return <ValueInputs value={value} set={set} catalogue={value.kind === 'score' ? SCORES : TRAITS} />;
  }
}

function FieldInputs({ value, set }: { value: ConditionDraft; set: (patch: Partial<ConditionDraft>) => void }) {
  const { t, label } = useI18n();
  const fields = useCustomerFields().data ?? [];
  const field: FieldMeta | undefined = fields.find((f) => f.key === value.subject);
  return (
    <>
      <Select {...findableSelectProps} showSearch data-testid="condition-field" style={W(160)} value={value.subject} onChange={(subject) => set({ subject, op: undefined, value: undefined })}
        options={withTestIds('condition-field', fields.map((f) => ({ value: f.key, label: label(f) })))} />
      {field && (
        <Select data-testid="condition-op" style={W(120)} value={value.op} onChange={(op) => set({ op, value: undefined })} options={opOptions(t, operatorsFor(field))} popupMatchSelectWidth={false} />
      )}
      {field && value.op && (
        <FilterValueInput field={field} op={value.op as FilterOp} value={value.value as FilterValue | undefined} onChange={(v) => set({ value: v })} />
      )}
    </>
  );
}

function ValueInputs({ value, set, catalogue }: { value: ConditionDraft; set: (patch: Partial<ConditionDraft>) => void; catalogue: Record<string, string> }) {
  const { t } = useI18n();
  const kind = value.subject ? catalogue[value.subject] : undefined;
  const numeric = kind === 'number' || value.op === 'withinDays' || value.op === 'notWithinDays';
  return (
    <>
      <Select data-testid="condition-subject" style={W(200)} value={value.subject} onChange={(subject) => set({ subject, op: undefined, value: undefined })}
        options={withTestIds('condition-subject', Object.keys(catalogue).map((k) => ({ value: k, label: k })))} />
      {kind && <Select data-testid="condition-op" style={W(150)} value={value.op} onChange={(op) => set({ op })} options={opOptions(t, VALUE_OPS[kind as keyof typeof VALUE_OPS])} />}
      {kind && value.op && !value.op.startsWith('is') &&
        (numeric ? (
          <InputNumber data-testid="condition-value" value={typeof value.value === 'number' ? value.value : null} onChange={(v) => set({ value: v ?? undefined })} />
        ) : (
          <Input data-testid="condition-value" style={W(160)} value={(value.value as string) ?? ''} onChange={(e) => set({ value: e.target.value })} />
        ))}
    </>
  );
}

function TagInput({ value, onChange }: { value: string | undefined; onChange: (tag: string) => void }) {
  const { t } = useI18n();
  const tags = useTags().data ?? [];
  return (
    <AutoComplete data-testid="condition-tag" style={W(180)} placeholder={t('segments.tag')} value={value} onChange={onChange}
      options={tags.map((tag) => ({ value: tag.tag, label: `${tag.tag} (${tag.customers})` }))} />
  );
}

function SegmentInput({ value, onChange }: { value: number | undefined; onChange: (id: number) => void }) {
  const segments = useSegments().data?.items ?? [];
  return (
    <Select {...findableSelectProps} showSearch data-testid="condition-segment" style={W(220)} value={value} onChange={onChange}
      options={withTestIds('condition-segment', segments.map((s) => ({ value: s.id, label: s.name })))} />
  );
}
