import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Radio, Space } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import { ConditionRow } from './condition-row';
import { type ConditionDraft, emptyCondition, emptyGroup, type GroupDraft } from './rule-draft';

interface Props {
  group: GroupDraft;
  onChange: (next: GroupDraft) => void;
  onRemove?: () => void;
  depth?: number;
}

/** A group of conditions joined by AND or OR (optionally negated), with nested groups. */
export function RuleGroup({ group, onChange, onRemove, depth = 0 }: Props) {
  const { t } = useI18n();
  const setChild = (id: string, next: GroupDraft | ConditionDraft | null) =>
    onChange({ ...group, children: group.children.flatMap((c) => (c.id === id ? (next ? [next] : []) : [c])) });
  return (
    <Card size="small" data-testid={`rule-group-${depth}`} style={{ background: depth % 2 ? '#fafafa' : undefined }}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Radio.Group data-testid="group-combinator" size="small" value={group.combinator} onChange={(e) => onChange({ ...group, combinator: e.target.value })}
          options={[{ value: 'and', label: t('segments.and') }, { value: 'or', label: t('segments.or') }]} optionType="button" />
        <Checkbox data-testid="group-not" checked={group.negate} onChange={(e) => onChange({ ...group, negate: e.target.checked })}>{t('segments.not')}</Checkbox>
        {onRemove && <Button size="small" icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('segments.remove')} />}
      </Space>
      <Space direction="vertical" style={{ width: '100%' }}>
        {group.children.map((child) =>
          child.type === 'group' ? (
            <RuleGroup key={child.id} group={child} depth={depth + 1} onChange={(next) => setChild(child.id, next)} onRemove={() => setChild(child.id, null)} />
          ) : (
            <Space key={child.id} align="start">
              <Checkbox data-testid="condition-not" checked={child.negate} onChange={(e) => setChild(child.id, { ...child, negate: e.target.checked })}>{t('segments.not')}</Checkbox>
              <ConditionRow value={child} onChange={(next) => setChild(child.id, next)} />
              <Button size="small" data-testid="condition-remove" icon={<DeleteOutlined />} aria-label={t('segments.remove')} onClick={() => setChild(child.id, null)} />
            </Space>
          ),
        )}
        <Space>
          <Button size="small" data-testid={`add-condition-${depth}`} icon={<PlusOutlined />} onClick={() => onChange({ ...group, children: [...group.children, emptyCondition()] })}>
            {t('segments.addCondition')}
          </Button>
          {depth < 3 && (
            <Button size="small" data-testid={`add-group-${depth}`} icon={<PlusOutlined />} onClick={() => onChange({ ...group, children: [...group.children, emptyGroup('or')] })}>
              {t('segments.addGroup')}
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}
