import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { FieldMeta, FilterOp, FilterValue } from '../../app/api-types';
import { DepartmentSelect } from '../../app/components/department-select';
import { RegionSelect } from '../../app/components/region-select';
import { findableSelectProps, withTestIds } from '../../app/components/select-options';
import { UserSelect } from '../../app/components/user-select';
import { useI18n } from '../../app/i18n/i18n-context';
import { operandKind } from './filter-operators';

interface FilterValueInputProps {
  field: FieldMeta;
  op: FilterOp;
  value: FilterValue | undefined;
  onChange: (value: FilterValue | undefined) => void;
}

const TEST_ID = 'filter-value';
const WIDTH = { width: 220 };

function toDayjs(value: unknown): Dayjs | null {
  if (typeof value !== 'string' || !value) return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

function fromDayjs(date: Dayjs | null, withTime: boolean): string | null {
  if (!date) return null;
  return withTime ? date.toISOString() : date.format('YYYY-MM-DD');
}

function rangeParts(value: FilterValue | undefined): [unknown, unknown] {
  return Array.isArray(value) ? [value[0], value[1]] : [undefined, undefined];
}

/** The value editor for one filter condition, matching the field's type and the operator. */
export function FilterValueInput({ field, op, value, onChange }: FilterValueInputProps) {
  const { t, label } = useI18n();
  const kind = operandKind(op);
  if (kind === 'none') return null;
  const multiple = kind === 'list';

  switch (field.type) {
    case 'select':
    case 'multiselect': {
      const options = (field.options ?? []).map((option) => ({ value: option.value, label: label(option) }));
      return (
        <Select
          {...findableSelectProps}
          data-testid={TEST_ID}
          style={WIDTH}
          showSearch
          mode={multiple ? 'multiple' : undefined}
          options={withTestIds(TEST_ID, options)}
          value={(value ?? undefined) as string | string[] | undefined}
          onChange={(next: string | string[]) => onChange(next)}
        />
      );
    }
    case 'boolean':
      return (
        <Select
          {...findableSelectProps}
          data-testid={TEST_ID}
          style={WIDTH}
          options={withTestIds(TEST_ID, [
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ])}
          value={value === undefined || value === null ? undefined : String(value)}
          onChange={(next: string) => onChange(next === 'true')}
        />
      );
    case 'user':
      return (
        <UserSelect
          data-testid={TEST_ID}
          style={WIDTH}
          multiple={multiple}
          value={value as string | string[] | undefined}
          onChange={(next) => onChange(next)}
        />
      );
    case 'department':
      return <DepartmentSelect data-testid={TEST_ID} style={WIDTH} value={value as string | undefined} onChange={onChange} />;
    case 'region':
      return <RegionSelect data-testid={TEST_ID} style={WIDTH} value={value as string | undefined} onChange={onChange} />;
    case 'number':
    case 'money':
      if (kind === 'range') {
        const [from, to] = rangeParts(value);
        return (
          <Space data-testid={TEST_ID}>
            <InputNumber
              data-testid={`${TEST_ID}-from`}
              placeholder={t('filter.valueFrom')}
              value={typeof from === 'number' ? from : null}
              onChange={(next) => onChange([next ?? '', typeof to === 'number' ? to : ''])}
            />
            <InputNumber
              data-testid={`${TEST_ID}-to`}
              placeholder={t('filter.valueTo')}
              value={typeof to === 'number' ? to : null}
              onChange={(next) => onChange([typeof from === 'number' ? from : '', next ?? ''])}
            />
          </Space>
        );
      }
      return (
        <InputNumber
          data-testid={TEST_ID}
          style={WIDTH}
          value={typeof value === 'number' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
        />
      );
    case 'date':
    case 'datetime': {
      const withTime = field.type === 'datetime';
      const format = withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD';
      if (kind === 'range') {
        const [from, to] = rangeParts(value);
        return (
          <span data-testid={TEST_ID}>
            <DatePicker.RangePicker
              showTime={withTime}
              format={format}
              value={[toDayjs(from), toDayjs(to)]}
              onChange={(dates) => {
                const start = fromDayjs(dates?.[0] ?? null, withTime);
                const end = fromDayjs(dates?.[1] ?? null, withTime);
                onChange(start && end ? [start, end] : undefined);
              }}
            />
          </span>
        );
      }
      return (
        <DatePicker
          data-testid={TEST_ID}
          showTime={withTime}
          format={format}
          style={WIDTH}
          value={toDayjs(value)}
          onChange={(date: Dayjs | null) => onChange(fromDayjs(date, withTime) ?? undefined)}
        />
      );
    }
    default:
      return (
        <Input
          data-testid={TEST_ID}
          style={WIDTH}
          allowClear
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}
