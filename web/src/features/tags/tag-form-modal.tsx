import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../app/api-client';
import { withTestIds } from '../../app/components/select-options';
import { useI18n } from '../../app/i18n/i18n-context';
import { type ModelPreset, TAG_LAYERS, type TagDefinition, type TagInput, type TagKind, type TagLayer, useSaveTag } from './tags-api';

interface FormValues {
  name: string;
  description?: string;
  layer: TagLayer;
  kind: TagKind;
  rule?: string;
  model?: string;
}

const KINDS: readonly TagKind[] = ['manual', 'rule', 'model'];
const presetKey = (p: { score: string; value: string }) => `${p.score}:${p.value}`;

/** The request body for the form's values; a rule that is not JSON is reported on its field. */
function toInput(values: FormValues): TagInput | 'invalid-json' {
  const base = { name: values.name, description: values.description ?? '', layer: values.layer, kind: values.kind };
  if (values.kind === 'model') {
    const [score, value] = (values.model ?? ':').split(':');
    return { ...base, model: { score: score as 'churn_level', value: value ?? '' } };
  }
  if (values.kind !== 'rule') return base;
  try {
    return { ...base, rule: JSON.parse(values.rule ?? '') };
  } catch {
    return 'invalid-json';
  }
}

/** Create or edit a manual, rule or model tag; server errors name the field and are shown on it. */
export function TagFormModal({ tag, presets, onClose }: { tag: TagDefinition | 'new'; presets: ModelPreset[]; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const editing = tag === 'new' ? undefined : tag;
  const save = useSaveTag(editing?.id);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    form.setFieldsValue(
      editing
        ? { name: editing.name, description: editing.description, layer: editing.layer, kind: editing.kind, rule: editing.rule ? JSON.stringify(editing.rule, null, 2) : undefined, model: editing.model ? presetKey(editing.model) : undefined }
        : { layer: 'basic', kind: 'manual' },
    );
  }, [editing, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const input = toInput(values);
    if (input === 'invalid-json') return form.setFields([{ name: 'rule', errors: [t('tags.ruleInvalidJson')] }]);
    try {
      await save.mutateAsync(input);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Modal open title={t(editing ? 'tags.edit' : 'tags.new')} okText={t('tags.save')} cancelText={t('tags.cancel')} onOk={() => void submit()} onCancel={onClose} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'tag-save' } as Record<string, string>}>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('tags.name')} rules={[{ required: true, max: 50 }]}>
          <Input data-testid="tag-name" maxLength={50} />
        </Form.Item>
        <Form.Item name="layer" label={t('tags.layer')}>
          <Select data-testid="tag-layer" options={withTestIds('tag-layer', TAG_LAYERS.map((l) => ({ value: l, label: t(`tags.layer.${l}`) })))} />
        </Form.Item>
        <Form.Item name="kind" label={t('tags.kind')}>
          <Select data-testid="tag-kind" options={withTestIds('tag-kind', KINDS.map((k) => ({ value: k, label: t(`tags.kind.${k}`) })))} />
        </Form.Item>
        {kind === 'rule' && (
          <Form.Item name="rule" label={t('tags.rule')} extra={<Link to="/segments/new">{t('tags.ruleHelp')}</Link>} rules={[{ required: true }]}>
            <Input.TextArea data-testid="tag-rule" rows={6} placeholder='{"version":1,"rule":{"field":"level","op":"eq","value":"A"}}' />
          </Form.Item>
        )}
        {kind === 'model' && (
          <Form.Item name="model" label={t('tags.model')} rules={[{ required: true }]}>
            <Select
              data-testid="tag-model"
              showSearch
              optionFilterProp="label"
              options={withTestIds('tag-model', presets.map((p) => ({ value: presetKey(p), label: `${locale === 'en' ? p.nameEn : p.name} (${p.score} = ${p.value})` })))}
            />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('tags.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
