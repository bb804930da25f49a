import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { FEATURE_OBJECTS } from '../../platform/permissions/index.js';
import { auditEntry, loadFieldDefinitions, type RequestContext } from '../../platform/records/index.js';
import { MANAGED_OBJECTS } from './admin-objects.js';
import { diffGrants, type FieldCatalogue, sortGrants, validateGrants } from './role-grants.js';
import { findRole, loadGrants, replaceGrants } from './role-repository.js';
import type { RolePermissions } from './role-schemas.js';
import { fetchEditableRole } from './role-service.js';

/**
 * A role's object and field grants, replaced as a whole in one transaction. Access contexts are
 * loaded per request, so a change applies to the role's users on their very next request.
 */
export class RolePermissionService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  async get(roleId: number): Promise<RolePermissions> {
    if (!(await findRole(this.deps.db, roleId))) throw new AppError('role.not_found');
    return loadGrants(this.deps.db, roleId);
  }

  /** Audited as `role.permissions_update` with each changed grant old → new. */
  replace(ctx: RequestContext, roleId: number, input: RolePermissions): Promise<RolePermissions> {
    return this.deps.db.tx(async (sql) => {
      await fetchEditableRole(sql, roleId);
      validateGrants(input, await loadCatalogue(sql));
      const after = sortGrants(input);
      const changes = diffGrants(await loadGrants(sql, roleId), after);
      if (Object.keys(changes).length === 0) return after;
      await replaceGrants(sql, roleId, after);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'role.permissions_update', 'role', String(roleId), changes)]);
      return after;
    });
  }
}

/** Every managed object's field keys (built-in and custom), and the feature objects, read in the caller's transaction. */
async function loadCatalogue(sql: Sql): Promise<FieldCatalogue> {
  // Feature objects have no fields: grants on their fields are refused as unknown fields.
  const catalogue = new Map<string, Set<string>>(FEATURE_OBJECTS.map((name) => [name, new Set<string>()]));
  for (const [name, definition] of MANAGED_OBJECTS) {
    catalogue.set(name, new Set((await loadFieldDefinitions(sql, definition)).map((field) => field.key)));
  }
  return catalogue;
}
