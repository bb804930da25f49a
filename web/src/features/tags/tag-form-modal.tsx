import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { withTestIds } from '../../app/components/select-options';
import { useI18n } from '../../app/i18n/i18n-context';
import { RuleBuilder, useRulePreview } from '../segments/rule-builder';
import { emptyGroup, fromRule, type GroupDraft, type SegmentRule } from '../segments/rule-draft';
import { type ModelPreset, TAG_LAYERS, type TagDefinition, type TagInput, type TagKind, type TagLayer, useSaveTag } from './tags-api';

interface FormValues {
  name: string;
  description?: string;
  layer: TagLayer;
  kind: TagKind;
  model?: string;
}

const KINDS: readonly TagKind[] = ['manual', 'rule', 'model'];
const presetKey = (p: { score: string; value: string }) => `${p.score}:${p.value}`;

/** The request body for the form's values and the rule built in the rule builder. */
function toInput(values: FormValues, rule: SegmentRule | null): TagInput {
  const base = { name: values.name, description: values.description ?? '', layer: values.layer, kind: values.kind };
  if (values.kind === 'model') {
    const [score, value] = (values.model ?? ':').split(':');
    return { ...base, model: { score: score as 'churn_level', value: value ?? '' } };
  }
  return values.kind === 'rule' && rule ? { ...base, rule } : base;
}

/** Create or edit a manual, rule or model tag; a rule is built visually, with the live count of matching customers. */
export function TagFormModal({ tag, presets, onClose }: { tag: TagDefinition | 'new'; presets: ModelPreset[]; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const editing = tag === 'new' ? undefined : tag;
  const save = useSaveTag(editing?.id);
  const kind = Form.useWatch('kind', form);
  const [draft, setDraft] = useState<GroupDraft>(() => (editing?.rule ? fromRule(editing.rule) : emptyGroup()));
  const preview = useRulePreview(draft, kind === 'rule');
  const ruleUnusable = kind === 'rule' && (!preview.rule || preview.error !== null);

  useEffect(() => {
    form.setFieldsValue(
      editing
        ? { name: editing.name, description: editing.description, layer: editing.layer, kind: editing.kind, model: editing.model ? presetKey(editing.model) : undefined }
        : { layer: 'basic', kind: 'manual' },
    );
  }, [editing, form]);

  const submit = async () => {
    const values = await form.validateFields();
    if (ruleUnusable) return;
    try {
      await save.mutateAsync(toInput(values, preview.rule));
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Modal
      open
      width={kind === 'rule' ? 960 : undefined}
      title={t(editing ? 'tags.edit' : 'tags.new')}
      okText={t('tags.save')}
      cancelText={t('tags.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'tag-save', disabled: ruleUnusable }}
    >
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
          <Form.Item extra={t('tags.ruleHelp')}>
            <RuleBuilder size="small" title={t('tags.rule')} draft={draft} onChange={setDraft} preview={preview} />
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
