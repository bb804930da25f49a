import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Popover, Space } from 'antd';
import type { FieldMeta } from '../../app/api-types';
import { useI18n } from '../../app/i18n/i18n-context';
import { PINNED_COLUMN } from './use-visible-columns';

interface ColumnPickerProps {
  fields: readonly FieldMeta[];
  visibleKeys: readonly string[];
  onChange: (keys: string[]) => void;
  onReset: () => void;
}

export function ColumnPicker({ fields, visibleKeys, onChange, onReset }: ColumnPickerProps) {
  const { t, label } = useI18n();
  const content = (
    <div data-testid="column-picker-panel" style={{ maxHeight: 360, overflowY: 'auto', minWidth: 200 }}>
      <Checkbox.Group value={[...visibleKeys]} onChange={(keys) => onChange(keys.map(String))}>
        <Space direction="vertical" size={4}>
          {fields.map((field) => (
            <Checkbox
              key={field.key}
              value={field.key}
              disabled={field.key === PINNED_COLUMN}
              data-testid={`column-picker-${field.key}`}
            >
              {label(field)}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      <Divider style={{ margin: '8px 0' }} />
      <Button size="small" type="link" onClick={onReset} data-testid="column-picker-reset">
        {t('customers.columnsReset')}
      </Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" content={content} title={t('customers.columns')}>
      <Button icon={<SettingOutlined />} data-testid="column-picker">
        {t('customers.columns')}
      </Button>
    </Popover>
  );
}
