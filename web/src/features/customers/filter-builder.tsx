import { Button, Form, Select } from 'antd';
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
  const operators = field ? operatorsFor(field.type) : [];

  const chooseField = (key: string) => {
    const next = fields.find((candidate) => candidate.key === key);
    setFieldKey(key);
    setOp(next ? operatorsFor(next.type)[0] : undefined);
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

  return (
    <Form layout="vertical" style={{ width: 280 }} component="div">
      <Form.Item label={t('filter.field')} style={{ marginBottom: 12 }}>
        <Select
          {...findableSelectProps}
          data-testid="filter-field"
          showSearch
          value={fieldKey}
          onChange={chooseField}
          options={withTestIds(
            'filter-field',
            fields.map((candidate) => ({ value: candidate.key, label: label(candidate) })),
          )}
        />
      </Form.Item>
      <Form.Item label={t('filter.operator')} style={{ marginBottom: 12 }}>
        <Select
          {...findableSelectProps}
          data-testid="filter-op"
          disabled={!field}
          value={op}
          onChange={chooseOp}
          options={withTestIds(
            'filter-op',
            operators.map((candidate) => ({ value: candidate, label: t(`filter.op.${candidate}`) })),
          )}
        />
      </Form.Item>
      {field && op && operandKind(op) !== 'none' && (
        <Form.Item label={t('filter.value')} style={{ marginBottom: 12 }}>
          <FilterValueInput key={`${field.key}:${operandKind(op)}`} field={field} op={op} value={value} onChange={setValue} />
        </Form.Item>
      )}
      <Button type="primary" block data-testid="filter-apply" disabled={!field || !op || !hasOperand(op, value)} onClick={apply}>
        {t('filter.apply')}
      </Button>
    </Form>
  );
}
