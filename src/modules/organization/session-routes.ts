import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../platform/audit/index.js';
import { DUMMY_HASH, randomToken, tokenHash, verifyPassword } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, credentialOf, requestContext, SESSION_COOKIE, withErrors } from '../../platform/http/index.js';
import { FEATURE_OBJECTS, OBJECT_ACTIONS } from '../../platform/permissions/index.js';
import { auditEntry } from '../../platform/records/index.js';

const LoginBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const UserDto = Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.String(), locale: Type.String(), departmentId: Type.Union([Type.Integer(), Type.Null()]) });
const KNOWN_OBJECTS = ['customer', ...FEATURE_OBJECTS];

/** Login, logout and "who am I". Failed logins are audited (by user id when the email exists). */
export function sessionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['auth'];
  app.post<{ Body: typeof LoginBody.static }>('/api/auth/login', { config: { public: true }, schema: { tags, summary: 'Log in with email and password', security: [], body: LoginBody, response: withErrors({ 200: Type.Object({ token: Type.String(), user: UserDto }) }, [400, 401, 429]) } }, async (request, reply) => {
    const { email, password } = request.body;
    const user = (await deps.db.query<{ id: number; email: string; name: string; password_hash: string; status: string; locale: string; department_id: number | null }>(
      'SELECT id, email, name, password_hash, status, locale, department_id FROM users WHERE lower(email) = lower($1)',
      [email],
    )).rows[0];
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    const now = deps.clock.now();
    const base = { ip: request.ip, requestId: String(request.id) };
    if (!user || !ok || user.status !== 'active') {
      await deps.db.tx((sql) => appendAudit(sql, [{ ...base, at: now, actorType: user ? 'user' : 'system', actorId: user?.id ?? null, actorName: user?.name ?? '', action: 'auth.login_failed', object: 'user', recordId: user ? String(user.id) : '', changes: {} }]));
      throw new AppError(user && ok ? 'auth.user_disabled' : 'auth.invalid_credentials');
    }
    const token = randomToken();
    const expires = new Date(now.getTime() + deps.config.sessionTtlHours * 3_600_000);
    await deps.db.tx(async (sql) => {
      await sql.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash(token), user.id, now, expires]);
      await sql.query('UPDATE users SET last_login_at = $2 WHERE id = $1', [user.id, now]);
      await appendAudit(sql, [{ ...base, at: now, actorType: 'user', actorId: user.id, actorName: user.name, action: 'auth.login', object: 'user', recordId: String(user.id), changes: {} }]);
    });
    reply.header('Set-Cookie', `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${deps.config.sessionTtlHours * 3600}`);
    return { token, user: { id: user.id, email: user.email, name: user.name, locale: user.locale, departmentId: user.department_id } };
  });

  app.post('/api/auth/logout', { schema: { tags, summary: 'End the current session', response: withErrors({ 204: Type.Null() }, [401]) } }, async (request, reply) => {
    const token = credentialOf(request);
    if (token) await deps.db.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1', [tokenHash(token), deps.clock.now()]);
    reply.header('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
    return reply.status(204).send();
  });

  app.get('/api/me', { schema: { tags, summary: 'The caller, their admin flag and object permissions', response: withErrors({ 200: Type.Object({ user: UserDto, isAdmin: Type.Boolean(), objects: Type.Record(Type.String(), Type.Object({}, { additionalProperties: true })) }) }, [401]) } }, async (request) => {
    const ctx = await requestContext(request, deps);
    const user = (await deps.db.query<{ id: number; email: string; name: string; locale: string; department_id: number | null }>('SELECT id, email, name, locale, department_id FROM users WHERE id = $1', [ctx.access.actor.userId])).rows[0]!;
    const objects: Record<string, unknown> = {};
    for (const object of KNOWN_OBJECTS) {
      const perm = ctx.access.object(object);
      objects[object] = { ...Object.fromEntries(OBJECT_ACTIONS.map((a) => [a, perm[a]])), dataScope: perm.dataScope };
    }
    return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale, departmentId: user.department_id }, isAdmin: ctx.access.isAdmin, objects };
  });

  const MePatch = Type.Object({ locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]) }, { additionalProperties: false });
  app.patch<{ Body: typeof MePatch.static }>('/api/me', { schema: { tags, summary: 'Change my language', body: MePatch, response: withErrors({ 204: Type.Null() }, [400, 401]) } }, async (request, reply) => {
    const ctx = await requestContext(request, deps);
    await deps.db.tx(async (sql) => {
      await sql.query('UPDATE users SET locale = $2, updated_at = $3 WHERE id = $1', [ctx.access.actor.userId, request.body.locale, deps.clock.now()]);
      await appendAudit(sql, [auditEntry(ctx, deps.clock.now(), 'user.update', 'user', String(ctx.access.actor.userId), { locale: request.body.locale })]);
    });
    return reply.status(204).send();
  });

  app.get('/api/users/options', { schema: { tags: ['organization'], summary: 'Active users for pickers', response: withErrors({ 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), departmentId: Type.Union([Type.Integer(), Type.Null()]) })) }, [401]) } }, async (request) => {
    await requestContext(request, deps);
    return (await deps.db.query(`SELECT id, name, department_id AS "departmentId" FROM users WHERE status = 'active' ORDER BY name LIMIT 5000`)).rows;
  });

  app.get('/api/departments/options', { schema: { tags: ['organization'], summary: 'Departments for pickers', response: withErrors({ 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), parentId: Type.Union([Type.Integer(), Type.Null()]) })) }, [401]) } }, async (request) => {
    await requestContext(request, deps);
    return (await deps.db.query('SELECT id, name, parent_id AS "parentId" FROM departments ORDER BY sort_order, id')).rows;
  });

  app.get('/api/regions', { schema: { tags: ['organization'], summary: 'China administrative divisions (provinces, cities)', response: withErrors({ 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]) })) }, [401]) } }, async (request) => {
    await requestContext(request, deps);
    return (await deps.db.query('SELECT code, name, parent_code AS "parentCode" FROM regions ORDER BY code')).rows;
  });
}
