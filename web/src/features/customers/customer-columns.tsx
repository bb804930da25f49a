import type { TableColumnType } from 'antd';
import { Link } from 'react-router-dom';
import type { FieldMeta } from '../../app/api-types';
import { testId } from '../../app/components/test-id';
import type { I18n } from '../../app/i18n/i18n-context';
import type { CustomerRecord } from './customers-api';
import { type FieldLookups, renderFieldValue } from './field-value';
import { parseSort } from './list-params';
import { PINNED_COLUMN } from './use-visible-columns';

const WIDTH_BY_TYPE: Partial<Record<FieldMeta['type'], number>> = {
  datetime: 150,
  date: 110,
  money: 130,
  boolean: 80,
  multiselect: 200,
  email: 200,
  url: 200,
};

/** Table columns for the visible fields; the name (or first) column links to the detail page. */
export function buildCustomerColumns(
  fields: readonly FieldMeta[],
  visibleKeys: readonly string[],
  sort: string | undefined,
  i18n: I18n,
  lookups: FieldLookups,
): TableColumnType<CustomerRecord>[] {
  const active = parseSort(sort);
  const visible = fields.filter((field) => visibleKeys.includes(field.key));
  const linkKey = visible.some((field) => field.key === PINNED_COLUMN) ? PINNED_COLUMN : visible[0]?.key;

  return visible.map((field) => ({
    key: field.key,
    dataIndex: field.key,
    title: i18n.label(field),
    width: WIDTH_BY_TYPE[field.type] ?? (field.key === linkKey ? 180 : 140),
    fixed: field.key === linkKey ? 'left' : undefined,
    ellipsis: field.type !== 'multiselect',
    sorter: field.sortable,
    sortOrder: field.sortable && active?.field === field.key ? active.order : null,
    onHeaderCell: () => testId(`customers-col-${field.key}`),
    render: (_value: unknown, record: CustomerRecord) => {
      const content = renderFieldValue(field, record, i18n, lookups);
      return field.key === linkKey ? (
        <Link to={`/customers/${encodeURIComponent(record.id)}`} data-testid={`customer-link-${record.id}`}>
          {content}
        </Link>
      ) : (
        content
      );
    },
  }));
}
