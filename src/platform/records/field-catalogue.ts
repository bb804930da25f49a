import type { Sql } from '../db/index.js';
import type { AccessContext, FieldAccess } from '../permissions/index.js';
import type { FieldDefinition, FieldType, ObjectDefinition, SelectOption } from './field-definition.js';

export const CUSTOM_PREFIX = 'cf_';

/** A field as one caller sees it: its definition plus their access to it. */
export interface VisibleField extends FieldDefinition, FieldAccess {}

interface CustomFieldRow {
  id: number;
  key: string;
  column_name: string;
  label_zh: string;
  label_en: string;
  type: FieldType;
  options: SelectOption[];
  required: boolean;
}

/** System fields from code plus the object's custom fields from `field_definitions`, in display order. */
export async function loadFieldDefinitions(sql: Sql, object: ObjectDefinition): Promise<FieldDefinition[]> {
  const rows = await sql.query<CustomFieldRow>(
    `SELECT id, key, column_name, label_zh, label_en, type, options, required
     FROM field_definitions WHERE object = $1 ORDER BY position, id`,
    [object.name],
  );
  const custom = rows.rows.map<FieldDefinition>((row) => ({
    id: row.id,
    key: CUSTOM_PREFIX + row.key,
    column: row.column_name,
    type: row.type,
    labelZh: row.label_zh,
    labelEn: row.label_en,
    options: row.options,
    required: row.required,
    system: false,
    custom: true,
  }));
  return [...object.systemFields, ...custom];
}

/**
 * Visible fields per (definitions, access context, object). Both inputs are replaced, never changed,
 * when metadata moves (the metadata cache hands out new objects), so the answer can be kept as long
 * as they live; the weak maps let it go with them. Frozen: callers share it.
 */
const visibleMemo = new WeakMap<readonly FieldDefinition[], WeakMap<AccessContext, Map<string, readonly VisibleField[]>>>();

/** Only the fields this caller may see. `id` is always visible to whoever may read the object. */
export function visibleFields(fields: readonly FieldDefinition[], access: AccessContext, object: string): readonly VisibleField[] {
  let byAccess = visibleMemo.get(fields);
  if (!byAccess) {
    byAccess = new WeakMap();
    visibleMemo.set(fields, byAccess);
  }
  let byObject = byAccess.get(access);
  if (!byObject) {
    byObject = new Map();
    byAccess.set(access, byObject);
  }
  let visible = byObject.get(object);
  if (!visible) {
    visible = Object.freeze(computeVisible(fields, access, object));
    byObject.set(object, visible);
  }
  return visible;
}

function computeVisible(fields: readonly FieldDefinition[], access: AccessContext, object: string): VisibleField[] {
  const visible: VisibleField[] = [];
  for (const field of fields) {
    const grant: FieldAccess = field.key === 'id' ? { access: 'read', masked: false } : access.field(object, field.key);
    if (grant.access === 'hidden') continue;
    visible.push({ ...field, access: field.system && grant.access === 'edit' ? 'read' : grant.access, masked: grant.masked });
  }
  return visible;
}
