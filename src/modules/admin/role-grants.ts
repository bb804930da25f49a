import { AppError } from '../../platform/errors/index.js';
import type { FieldGrant, ObjectGrant, RolePermissions } from './role-schemas.js';

/** Field keys per object, e.g. `customer → {id, name, mobile, cf_budget …}`. */
export type FieldCatalogue = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Checks a replacement set of grants against the known objects and their fields. Pure. Errors name
 * the offending entry, e.g. field `fields.3.field` with `role.unknown_field`.
 */
export function validateGrants(grants: RolePermissions, catalogue: FieldCatalogue): void {
  const seenObjects = new Set<string>();
  grants.objects.forEach((grant, i) => {
    if (!catalogue.has(grant.object)) throw new AppError('role.unknown_object', { field: `objects.${i}.object`, params: { object: grant.object } });
    if (seenObjects.has(grant.object)) throw new AppError('role.duplicate_grant', { field: `objects.${i}.object`, params: { key: grant.object } });
    seenObjects.add(grant.object);
  });
  const seenFields = new Set<string>();
  grants.fields.forEach((grant, i) => {
    const fields = catalogue.get(grant.object);
    if (!fields) throw new AppError('role.unknown_object', { field: `fields.${i}.object`, params: { object: grant.object } });
    if (!fields.has(grant.field)) throw new AppError('role.unknown_field', { field: `fields.${i}.field`, params: { object: grant.object, key: grant.field } });
    const key = fieldKey(grant);
    if (seenFields.has(key)) throw new AppError('role.duplicate_grant', { field: `fields.${i}.field`, params: { key } });
    seenFields.add(key);
  });
}

/** Grants in a stable order (by object, then field), so answers and audit diffs are deterministic. */
export function sortGrants(grants: RolePermissions): RolePermissions {
  return {
    objects: [...grants.objects].sort((a, b) => compare(a.object, b.object)),
    fields: [...grants.fields].sort((a, b) => compare(a.object, b.object) || compare(a.field, b.field)),
  };
}

/**
 * What changed, for the audit log: `{"customer": [old, new], "customer.mobile": [old, new]}` with
 * `null` for a grant that did not exist or no longer does. Unchanged grants are left out. Pure.
 */
export function diffGrants(before: RolePermissions, after: RolePermissions): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const record = (old: Map<string, unknown>, next: Map<string, unknown>) => {
    for (const key of new Set([...old.keys(), ...next.keys()])) {
      const a = old.get(key) ?? null;
      const b = next.get(key) ?? null;
      if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b];
    }
  };
  record(byObject(before.objects), byObject(after.objects));
  record(byField(before.fields), byField(after.fields));
  return changes;
}

function byObject(grants: readonly ObjectGrant[]): Map<string, unknown> {
  return new Map(grants.map(({ object, read, create, update, delete: del, export: exp, dataScope }) => [object, { read, create, update, delete: del, export: exp, dataScope }]));
}

function byField(grants: readonly FieldGrant[]): Map<string, unknown> {
  return new Map(grants.map((grant) => [fieldKey(grant), { access: grant.access, masked: grant.masked }]));
}

function fieldKey(grant: FieldGrant): string {
  return `${grant.object}.${grant.field}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
