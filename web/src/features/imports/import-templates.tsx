import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api-client';
import { useI18n } from '../../app/i18n/i18n-context';
import type { ColumnMapping } from './imports-api';
import type { ImportObject } from './object-columns';

interface ImportTemplate {
  id: number;
  name: string;
  mapping: ColumnMapping;
}

/**
 * 映射模板: apply a saved column mapping to this file, or save the one on screen under a name
 * (a template of the same name is replaced). Shared by everyone who may import the object.
 */
export function ImportTemplateBar({ object, mapping, onApply }: { object: ImportObject; mapping: ColumnMapping; onApply: (mapping: ColumnMapping) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const key = ['imports', 'templates', object];
  const templates = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<{ items: ImportTemplate[] }>('/api/imports/templates', { object }, signal) });
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => api.put<ImportTemplate>('/api/imports/templates', { object, name: name.trim(), mapping }),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: key });
      setName('');
      void message.success(t('imports.template.saved', { name: saved.name }));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/imports/templates/${id}`),
    onSuccess: () => {
      setChosen(undefined);
      void client.invalidateQueries({ queryKey: key });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const items = templates.data?.items ?? [];

  return (
    <Space wrap data-testid="import-templates">
      <Typography.Text>{t('imports.template')}</Typography.Text>
      <Select<number>
        data-testid="import-template-select"
        style={{ width: 220 }}
        placeholder={t('imports.template.choose')}
        value={chosen}
        allowClear
        onClear={() => setChosen(undefined)}
        options={items.map((x) => ({ value: x.id, label: x.name, 'data-testid': `import-template-select-option-${x.name}` }))}
        onChange={(id) => {
          setChosen(id);
          const template = items.find((x) => x.id === id);
          if (template) onApply(template.mapping);
        }}
      />
      {chosen !== undefined && <Button icon={<DeleteOutlined />} aria-label={t('imports.template.delete')} loading={remove.isPending} onClick={() => remove.mutate(chosen)} />}
      <Input data-testid="import-template-name" style={{ width: 200 }} placeholder={t('imports.template.name')} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      <Button data-testid="import-template-save" icon={<SaveOutlined />} disabled={!name.trim() || Object.keys(mapping).length === 0} loading={save.isPending} onClick={() => save.mutate()}>
        {t('imports.template.save')}
      </Button>
    </Space>
  );
}
