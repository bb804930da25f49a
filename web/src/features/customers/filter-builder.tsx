import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import type { FieldMeta, FilterCondition, FilterOp, FilterValue } from '../../app/api-types';
import { findableSelectProps, withTestIds } from '../../app/components/select-options';
import { useI18n } from '../../app/i18n/i18n-context';
import { operandKind, operatorsFor } from './filter-operators';
import { FilterValueInput } from './filter-value-input';

interface FilterBuilderProps {
  fields: readonly FieldMeta[];
  onApply: (condition: FilterCondition) => void;
}

/** Is the value complete enough to send for this operator? */
function hasOperand(op: FilterOp, value: FilterValue | undefined): boolean {
  const kind = operandKind(op);
  if (kind === 'none') return true;
  if (value === undefined || value === null || value === '') return false;
  if (kind === 'list') return Array.isArray(value) && value.length > 0;
  if (kind === 'range') return Array.isArray(value) && value.length === 2 && value.every((part) => part !== '');
  return true;
}

/** Picks a field, an operator valid for its type and a value; "apply" adds the condition. */
export function FilterBuilder({ fields, onApply }: FilterBuilderProps) {
  const { t, label } = useI18n();
  const [fieldKey, setFieldKey] = useState<string | undefined>();
  const [op, setOp] = useState<FilterOp | undefined>();
  const [value, setValue] = useState<FilterValue | undefined>();
  const field = fields.find((candidate) => candidate.key === fieldKey);
  const operators = field ? operatorsFor(field) : [];

  const chooseField = (key: string) => {
    const next = fields.find((candidate) => candidate.key === key);
    setFieldKey(key);
    setOp(next ? operatorsFor(next)[0] : undefined);
    setValue(undefined);
  };

  const chooseOp = (next: FilterOp) => {
    // A list value does not fit a single-value operator and vice versa.
    if (op && operandKind(op) !== operandKind(next)) setValue(undefined);
    setOp(next);
  };

  const apply = () => {
    if (!field || !op || !hasOperand(op, value)) return;
    onApply(operandKind(op) === 'none' ? { field: field.key, op } : { field: field.key, op, value });
    setFieldKey(undefined);
    setOp(undefined);
    setValue(undefined);
  };

  // One row, left to right: a dropdown opens below its own control and never covers "apply".
  return (
    <Space align="start" wrap data-testid="filter-builder">
      <Select
        {...findableSelectProps}
        data-testid="filter-field"
        aria-label={t('filter.field')}
        placeholder={t('filter.field')}
        style={{ width: 160 }}
        showSearch
        value={fieldKey}
        onChange={chooseField}
        options={withTestIds(
          'filter-field',
          fields.map((candidate) => ({ value: candidate.key, label: label(candidate) })),
        )}
      />
      <Select
        {...findableSelectProps}
        data-testid="filter-op"
        aria-label={t('filter.operator')}
        placeholder={t('filter.operator')}
        style={{ width: 130 }}
        disabled={!field}
        value={op}
        onChange={chooseOp}
        popupMatchSelectWidth={false}
        options={withTestIds(
          'filter-op',
          operators.map((candidate) => ({ value: candidate, label: t(`filter.op.${candidate}`) })),
        )}
      />
      {field && op && operandKind(op) !== 'none' && (
        <FilterValueInput key={`${field.key}:${operandKind(op)}`} field={field} op={op} value={value} onChange={setValue} />
      )}
      <Button type="primary" data-testid="filter-apply" disabled={!field || !op || !hasOperand(op, value)} onClick={apply}>
        {t('filter.apply')}
      </Button>
    </Space>
  );
}
