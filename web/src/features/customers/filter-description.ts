// Human-readable text for an applied filter, e.g. "客户等级 属于 A（重点）, B（普通）".
import type { FieldMeta, FilterCondition, FilterValue } from '../../app/api-types';
import type { I18n } from '../../app/i18n/i18n-context';
import type { FieldLookups } from './field-value';
import { formatDate, formatDateTime } from './field-format';
import { operandKind } from './filter-operators';

function describeOne(field: FieldMeta, value: string | number | boolean | null, i18n: I18n, lookups: FieldLookups): string {
  if (value === null) return '';
  const text = String(value);
  switch (field.type) {
    case 'select':
    case 'multiselect': {
      const option = field.options?.find((candidate) => candidate.value === text);
      return option ? i18n.label(option) : text;
    }
    case 'boolean':
      return value === true || text === 'true' ? i18n.t('common.yes') : i18n.t('common.no');
    case 'user':
      return lookups.userName(text) ?? text;
    case 'department':
      return lookups.departmentName(text) ?? text;
    case 'region':
      return lookups.regionName(text) ?? text;
    case 'date':
      return formatDate(text);
    case 'datetime':
      return formatDateTime(text);
    default:
      return text;
  }
}

function describeValue(field: FieldMeta, value: FilterValue | undefined, separator: string, i18n: I18n, lookups: FieldLookups) {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => describeOne(field, item, i18n, lookups)).join(separator);
  return describeOne(field, value, i18n, lookups);
}

export function describeFilter(condition: FilterCondition, fields: readonly FieldMeta[], i18n: I18n, lookups: FieldLookups): string {
  const field = fields.find((candidate) => candidate.key === condition.field);
  const fieldLabel = field ? i18n.label(field) : condition.field;
  const opLabel = i18n.t(`filter.op.${condition.op}`);
  const kind = operandKind(condition.op);
  if (kind === 'none' || !field) return `${fieldLabel} ${opLabel}`;
  const separator = kind === 'range' ? ' ~ ' : ', ';
  return `${fieldLabel} ${opLabel} ${describeValue(field, condition.value, separator, i18n, lookups)}`;
}
