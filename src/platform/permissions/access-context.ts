import {
  type Actor,
  type FieldAccess,
  mergeFieldAccess,
  mergeObjectPermissions,
  NO_PERMISSION,
  type ObjectAction,
  type ObjectPermission,
} from './access.js';

const HIDDEN: FieldAccess = { access: 'hidden', masked: false };
const FULL: FieldAccess = { access: 'edit', masked: false };
const ADMIN_OBJECT: ObjectPermission = {
  read: true,
  create: true,
  update: true,
  delete: true,
  export: true,
  dataScope: 'all',
};

/**
 * The effective permissions of one actor for one request. Built by `loadAccessContext`; the data
 * layer asks it before touching any row or column. Deny by default: unknown object → no rights,
 * unknown field → hidden.
 */
export class AccessContext {
  constructor(
    readonly actor: Actor,
    readonly isAdmin: boolean,
    private readonly objects: Map<string, ObjectPermission[]>,
    private readonly fields: Map<string, FieldAccess[]>,
    /** Owner ids visible per object; `null` means every owner (scope 全部). */
    private readonly owners: Map<string, number[] | null>,
  ) {}

  /** Merged grants; every action needs read too (one cannot create or export what one cannot see). */
  object(object: string): ObjectPermission {
    if (this.isAdmin) return ADMIN_OBJECT;
    const rows = this.objects.get(object);
    const merged = rows ? mergeObjectPermissions(rows) : NO_PERMISSION;
    return merged.read ? merged : { ...NO_PERMISSION, dataScope: merged.dataScope };
  }

  can(object: string, action: ObjectAction): boolean {
    return this.object(object)[action];
  }

  field(object: string, field: string): FieldAccess {
    if (this.isAdmin) return FULL;
    const rows = this.fields.get(`${object}.${field}`);
    return rows ? mergeFieldAccess(rows) : HIDDEN;
  }

  /** Owner ids whose records this actor may see, or null for all. */
  visibleOwners(object: string): number[] | null {
    if (this.isAdmin) return null;
    // `null` (scope 全部) is a real answer: only an object without any grant falls back to self.
    const owners = this.owners.get(object);
    return owners === undefined ? [this.actor.userId] : owners;
  }
}
