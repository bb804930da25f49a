import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

/** The full test app (test/support/test-app.ts) plus the import tests' helpers. */
export interface ImportTestApp extends TestApp {
  /** A user with one new role granting these customer actions (read always), logged in. */
  userWith(email: string, grants: { create?: boolean; update?: boolean; readOnly?: string[] }): Promise<Record<string, string>>;
}

export async function createImportTestApp(): Promise<ImportTestApp> {
  const t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
  const { db } = t;
  return {
    ...t,
    async userWith(email, grants) {
      const role = (await db.query<{ id: number }>(`INSERT INTO roles (name) VALUES ($1) RETURNING id`, [email])).rows[0]!.id;
      await db.query(`INSERT INTO role_object_permissions (role_id, object, can_read, can_create, can_update, data_scope) VALUES ($1, 'customer', true, $2, $3, 'self')`, [role, grants.create ?? false, grants.update ?? false]);
      for (const key of ['name', 'kind', 'level', 'source', 'mobile', 'email', 'company']) {
        await db.query(`INSERT INTO role_field_permissions (role_id, object, field, access) VALUES ($1, 'customer', $2, $3)`, [role, key, grants.readOnly?.includes(key) ? 'read' : 'edit']);
      }
      await t.createUser({ email, name: email, roleIds: [role] });
      return t.login(email, 'password-123');
    },
  };
}

/** Keeps the CLI's stdout / stderr out of the test output; returns the restore function. */
export function silenceStdio(): () => void {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  return () => {
    process.stdout.write = out;
    process.stderr.write = err;
  };
}
