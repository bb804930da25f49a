/** Who is acting and what they may do. Pure types and the rules that combine roles. */
export type DataScope = 'self' | 'self_sub' | 'dept' | 'dept_sub' | 'all';
export const DATA_SCOPES: readonly DataScope[] = ['self', 'self_sub', 'dept', 'dept_sub', 'all'];

export type ObjectAction = 'read' | 'create' | 'update' | 'delete' | 'export';
export const OBJECT_ACTIONS: readonly ObjectAction[] = ['read', 'create', 'update', 'delete', 'export'];
/**
 * Objects that are features rather than records (no fields, no rows of their own to scope): roles
 * are granted actions on them — `segment` and `tag` create / update / delete, `analysis` read (see
 * runs) / create (start runs). Records' objects come from their modules (e.g. customer).
 */
export const FEATURE_OBJECTS: readonly string[] = ['segment', 'tag', 'analysis'];

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

/**
 * Several roles grant the union: actions are or-ed; the data scope comes only from rows that grant
 * read (a row that only grants, say, export must not widen what may be read). The reported scope is
 * the widest of those; `loadAccessContext` resolves each role's scope on its own and unions the
 * owner sets, because self_sub and dept do not contain each other.
 */
export function mergeObjectPermissions(rows: readonly ObjectPermission[]): ObjectPermission {
  const merged = rows.reduce<ObjectPermission>(
    (acc, row) => ({
      read: acc.read || row.read,
      create: acc.create || row.create,
      update: acc.update || row.update,
      delete: acc.delete || row.delete,
      export: acc.export || row.export,
      dataScope: acc.dataScope,
    }),
    NO_PERMISSION,
  );
  const widest = rows.filter((r) => r.read).reduce((best, r) => Math.max(best, DATA_SCOPES.indexOf(r.dataScope)), 0);
  return { ...merged, dataScope: DATA_SCOPES[widest]! };
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
