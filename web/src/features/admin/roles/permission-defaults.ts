// Fills the gaps of a role's stored permissions so the editor always shows a complete matrix.
import type { FieldMeta } from '../../../app/api-types';
import type { RoleFieldPermission, RoleObjectPermission, RolePermissions } from './roles-api';

/** Objects that have permissions today; more arrive with the sales, service and loyalty modules. */
export const PERMISSION_OBJECTS = ['customer', 'segment', 'tag', 'analysis'] as const;

export function emptyObjectPermission(object: string): RoleObjectPermission {
  return { object, read: false, create: false, update: false, delete: false, export: false, dataScope: 'self' };
}

/**
 * A field with no stored rule is hidden: the server denies by default, and the editor must show
 * (and save) exactly that, never a wider grant.
 */
export function defaultFieldPermission(field: FieldMeta): RoleFieldPermission {
  return { object: 'customer', field: field.key, access: 'hidden', masked: false };
}

export function completePermissions(stored: RolePermissions, customerFields: readonly FieldMeta[]): RolePermissions {
  const objectNames = new Set<string>([...PERMISSION_OBJECTS, ...stored.objects.map((entry) => entry.object)]);
  const objects = [...objectNames].map(
    (object) => stored.objects.find((entry) => entry.object === object) ?? emptyObjectPermission(object),
  );
  const customerRules = new Map(
    stored.fields.filter((entry) => entry.object === 'customer').map((entry) => [entry.field, entry]),
  );
  const fields = [
    ...customerFields.map((field) => customerRules.get(field.key) ?? defaultFieldPermission(field)),
    // Keep rules for other objects (or fields not visible here) untouched.
    ...stored.fields.filter((entry) => entry.object !== 'customer' || !customerFields.some((field) => field.key === entry.field)),
  ];
  return { objects, fields };
}
