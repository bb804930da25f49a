import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { FieldMeta } from '../../app/api-types';
import { DepartmentSelect } from '../../app/components/department-select';
import { RegionSelect } from '../../app/components/region-select';
import { findableSelectProps, withTestIds } from '../../app/components/select-options';
import { UserSelect } from '../../app/components/user-select';
import { useI18n } from '../../app/i18n/i18n-context';

interface FieldInputProps {
  field: FieldMeta;
  testId: string;
  placeholder?: string;
  /** value/onChange are injected by Form.Item. */
  value?: never;
  onChange?: never;
}

const FULL_WIDTH = { width: '100%' };

/** The editor for one field type; Form.Item passes value and onChange through the rest props. */
export function FieldInput({ field, testId, placeholder, ...control }: FieldInputProps) {
  const { label } = useI18n();
  const common = { ...control, 'data-testid': testId, placeholder };

  switch (field.type) {
    case 'number':
      return <InputNumber {...common} style={FULL_WIDTH} />;
    case 'money':
      return <InputNumber {...common} style={FULL_WIDTH} prefix="¥" precision={2} min={0} />;
    case 'date':
      return <DatePicker {...common} style={FULL_WIDTH} format="YYYY-MM-DD" />;
    case 'datetime':
      return <DatePicker {...common} style={FULL_WIDTH} showTime format="YYYY-MM-DD HH:mm" />;
    case 'select':
    case 'multiselect':
      return (
        <Select
          {...findableSelectProps}
          {...common}
          allowClear
          showSearch
          mode={field.type === 'multiselect' ? 'multiple' : undefined}
          options={withTestIds(
            testId,
            (field.options ?? []).map((option) => ({ value: option.value, label: label(option) })),
          )}
        />
      );
    case 'boolean':
      return <Switch {...common} />;
    case 'user':
      return <UserSelect {...common} allowClear />;
    case 'department':
      return <DepartmentSelect {...common} allowClear />;
    case 'region':
      return <RegionSelect {...common} allowClear />;
    case 'email':
      return <Input {...common} type="email" autoComplete="off" />;
    case 'url':
      return <Input {...common} type="url" placeholder={placeholder ?? 'https://'} />;
    case 'phone':
      return <Input {...common} type="tel" autoComplete="off" />;
    default:
      return <Input {...common} />;
  }
}
