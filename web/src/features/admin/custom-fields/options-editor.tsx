import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space } from 'antd';
import { useI18n } from '../../../app/i18n/i18n-context';

/** Edits the options of a select/multiselect field: value + Chinese label + English label per row. */
export function OptionsEditor() {
  const { t } = useI18n();
  return (
    <Form.List
      name="options"
      rules={[
        {
          validator: async (_rule, options: unknown[] | undefined) => {
            if (!options || options.length === 0) throw new Error(t('customFields.optionsRequired'));
          },
        },
      ]}
    >
      {(rows, { add, remove }, { errors }) => (
        <div data-testid="cf-form-options">
          {rows.map((row, index) => (
            <Space key={row.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[row.name, 'value']} rules={[{ required: true, whitespace: true, message: t('customFields.optionValue') }]}>
                <Input placeholder={t('customFields.optionValue')} data-testid={`cf-form-option-${index}-value`} />
              </Form.Item>
              <Form.Item name={[row.name, 'labelZh']} rules={[{ required: true, whitespace: true, message: t('customFields.labelZh') }]}>
                <Input placeholder={t('customFields.labelZh')} data-testid={`cf-form-option-${index}-labelZh`} />
              </Form.Item>
              <Form.Item name={[row.name, 'labelEn']} rules={[{ required: true, whitespace: true, message: t('customFields.labelEn') }]}>
                <Input placeholder={t('customFields.labelEn')} data-testid={`cf-form-option-${index}-labelEn`} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(row.name)} data-testid={`cf-form-option-${index}-remove`} />
            </Space>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ value: '', labelZh: '', labelEn: '' })} data-testid="cf-form-add-option">
            {t('customFields.addOption')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
