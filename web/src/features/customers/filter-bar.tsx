import { FilterOutlined } from '@ant-design/icons';
import { Button, Input, Popover, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { FieldMeta, FilterCondition } from '../../app/api-types';
import { useI18n } from '../../app/i18n/i18n-context';
import type { FieldLookups } from './field-value';
import { FilterBuilder } from './filter-builder';
import { describeFilter } from './filter-description';

interface FilterBarProps {
  fields: readonly FieldMeta[];
  lookups: FieldLookups;
  q: string | undefined;
  filters: readonly FilterCondition[];
  onSearch: (q: string | undefined) => void;
  onFiltersChange: (filters: FilterCondition[]) => void;
}

/** Keyword search, the applied filter chips and the "add filter" builder. */
export function FilterBar({ fields, lookups, q, filters, onSearch, onFiltersChange }: FilterBarProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [builderOpen, setBuilderOpen] = useState(false);
  const [keyword, setKeyword] = useState(q ?? '');
  useEffect(() => setKeyword(q ?? ''), [q]);
  const filterable = fields.filter((field) => field.filterable);

  return (
    <Space wrap size={[8, 8]} style={{ marginBottom: 16 }}>
      <Input.Search
        data-testid="customers-search"
        allowClear
        placeholder={t('customers.searchPlaceholder')}
        style={{ width: 280 }}
        value={keyword}
        onChange={(event) => setKeyword(event.target.value)}
        onSearch={(text) => onSearch(text.trim() || undefined)}
      />
      <Popover
        trigger="click"
        placement="bottomLeft"
        open={builderOpen}
        onOpenChange={setBuilderOpen}
        destroyOnHidden
        content={
          <FilterBuilder
            fields={filterable}
            onApply={(condition) => {
              onFiltersChange([...filters, condition]);
              setBuilderOpen(false);
            }}
          />
        }
      >
        <Button data-testid="filter-add" icon={<FilterOutlined />}>
          {t('filter.add')}
        </Button>
      </Popover>
      {filters.map((condition, index) => (
        <Tag
          // Conditions have no id; the position is stable while the list is shown.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          data-testid={`filter-chip-${index}`}
          closable
          color="blue"
          onClose={(event) => {
            event.preventDefault();
            onFiltersChange(filters.filter((_, other) => other !== index));
          }}
        >
          {describeFilter(condition, fields, i18n, lookups)}
        </Tag>
      ))}
      {filters.length > 0 && (
        <Button type="link" size="small" data-testid="filter-clear" onClick={() => onFiltersChange([])}>
          {t('filter.clearAll')}
        </Button>
      )}
    </Space>
  );
}
