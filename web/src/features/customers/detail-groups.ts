// How the detail page groups fields: basic info, contact, custom fields, system info.
import type { FieldMeta } from '../../app/api-types';
import type { MessageKey } from '../../app/i18n/zh-CN';

export type DetailGroup = 'basic' | 'contact' | 'custom' | 'system';

export const DETAIL_GROUPS: ReadonlyArray<{ group: DetailGroup; title: MessageKey }> = [
  { group: 'basic', title: 'customers.group.basic' },
  { group: 'contact', title: 'customers.group.contact' },
  { group: 'custom', title: 'customers.group.custom' },
  { group: 'system', title: 'customers.group.system' },
];

const CONTACT_TYPES = new Set<FieldMeta['type']>(['phone', 'email', 'region']);
const CONTACT_KEYS = new Set(['mobile', 'phone', 'telephone', 'email', 'wechat', 'qq', 'address', 'website', 'fax']);

export function groupOf(field: FieldMeta): DetailGroup {
  if (field.system) return 'system';
  if (field.custom) return 'custom';
  if (CONTACT_TYPES.has(field.type) || CONTACT_KEYS.has(field.key)) return 'contact';
  return 'basic';
}

export function groupFields(fields: readonly FieldMeta[]): Record<DetailGroup, FieldMeta[]> {
  const groups: Record<DetailGroup, FieldMeta[]> = { basic: [], contact: [], custom: [], system: [] };
  for (const field of fields) groups[groupOf(field)].push(field);
  return groups;
}
