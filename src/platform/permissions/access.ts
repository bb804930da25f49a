/** Who is acting and what they may do. Pure types and the rules that combine roles. */
export type DataScope = 'self' | 'self_sub' | 'dept' | 'dept_sub' | 'all';
export const DATA_SCOPES: readonly DataScope[] = ['self', 'self_sub', 'dept', 'dept_sub', 'all'];

export type ObjectAction = 'read' | 'create' | 'update' | 'delete' | 'export';
export const OBJECT_ACTIONS: readonly ObjectAction[] = ['read', 'create', 'update', 'delete', 'export'];

export interface ObjectPermission {
  read: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  export: boolean;
  dataScope: DataScope;
}

export type FieldAccessLevel = 'hidden' | 'read' | 'edit';

export interface FieldAccess {
  access: FieldAccessLevel;
  masked: boolean;
}

export interface Actor {
  type: 'user' | 'api_key' | 'system';
  /** The user acting, or on whose behalf an API key acts (data scopes are relative to this user). */
  userId: number;
  apiKeyId?: number;
  name: string;
  roleIds: number[];
}

export interface RoleObjectRow extends ObjectPermission {
  roleId: number;
  object: string;
}

export interface RoleFieldRow extends FieldAccess {
  roleId: number;
  object: string;
  field: string;
}

const ACCESS_RANK: Record<FieldAccessLevel, number> = { hidden: 0, read: 1, edit: 2 };

export const NO_PERMISSION: ObjectPermission = {
  read: false,
  create: false,
  update: false,
  delete: false,
  export: false,
  dataScope: 'self',
};

/** A role row that grants no action on the object says nothing about its rows either. */
export function grantsAnything(row: ObjectPermission): boolean {
  return row.read || row.create || row.update || row.delete || row.export;
}

/**
 * Several roles grant the union: any grant wins; the reported scope is the widest among rows that
 * grant something. (Rows are resolved per role and unioned — see `loadAccessContext` — because
 * self_sub and dept do not contain each other.)
 */
export function mergeObjectPermissions(rows: readonly ObjectPermission[]): ObjectPermission {
  return rows.filter(grantsAnything).reduce<ObjectPermission>(
    (acc, row) => ({
      read: acc.read || row.read,
      create: acc.create || row.create,
      update: acc.update || row.update,
      delete: acc.delete || row.delete,
      export: acc.export || row.export,
      dataScope: DATA_SCOPES.indexOf(row.dataScope) > DATA_SCOPES.indexOf(acc.dataScope) ? row.dataScope : acc.dataScope,
    }),
    NO_PERMISSION,
  );
}

/** The strongest access wins; a value is masked only if every role granting that access masks it. */
export function mergeFieldAccess(rows: readonly FieldAccess[]): FieldAccess {
  let best: FieldAccess = { access: 'hidden', masked: false };
  for (const row of rows) {
    if (ACCESS_RANK[row.access] > ACCESS_RANK[best.access]) best = { ...row };
    else if (row.access === best.access && row.access !== 'hidden') best = { ...best, masked: best.masked && row.masked };
  }
  return best.access === 'hidden' ? { access: 'hidden', masked: false } : best;
}
