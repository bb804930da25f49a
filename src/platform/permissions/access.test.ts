import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  DATA_SCOPES,
  type DataScope,
  type FieldAccess,
  type FieldAccessLevel,
  mergeFieldAccess,
  mergeObjectPermissions,
  NO_PERMISSION,
  OBJECT_ACTIONS,
  type ObjectPermission,
} from './access.js';
import { AccessContext } from './access-context.js';

const SEED = 20261122;
const RUNS = { seed: SEED, numRuns: 200 };

const perm = (over: Partial<ObjectPermission> = {}): ObjectPermission => ({ ...NO_PERMISSION, ...over });
const fa = (access: FieldAccessLevel, masked = false): FieldAccess => ({ access, masked });

const scopeArb = fc.constantFrom<DataScope>(...DATA_SCOPES);
const objectArb: fc.Arbitrary<ObjectPermission> = fc.record({
  read: fc.boolean(),
  create: fc.boolean(),
  update: fc.boolean(),
  delete: fc.boolean(),
  export: fc.boolean(),
  dataScope: scopeArb,
});
const fieldArb: fc.Arbitrary<FieldAccess> = fc.record({
  access: fc.constantFrom<FieldAccessLevel>('hidden', 'read', 'edit'),
  masked: fc.boolean(),
});

/** Reference model, written independently of the implementation. */
const RANK: Record<FieldAccessLevel, number> = { hidden: 0, read: 1, edit: 2 };
function modelField(rows: readonly FieldAccess[]): FieldAccess {
  const top = rows.reduce<FieldAccessLevel>((best, r) => (RANK[r.access] > RANK[best] ? r.access : best), 'hidden');
  if (top === 'hidden') return fa('hidden');
  return fa(top, rows.filter((r) => r.access === top).every((r) => r.masked));
}
function modelObject(all: readonly ObjectPermission[]): ObjectPermission {
  // Only rows that grant read say which rows may be seen.
  const rows = all;
  const readRows = all.filter((r) => r.read);
  const widest = readRows.map((r) => DATA_SCOPES.indexOf(r.dataScope)).reduce((a, b) => Math.max(a, b), 0);
  return {
    read: rows.some((r) => r.read),
    create: rows.some((r) => r.create),
    update: rows.some((r) => r.update),
    delete: rows.some((r) => r.delete),
    export: rows.some((r) => r.export),
    dataScope: DATA_SCOPES[widest]!,
  };
}

describe('mergeObjectPermissions', () => {
  it.each<[string, ObjectPermission[], ObjectPermission]>([
    ['no role: nothing', [], NO_PERMISSION],
    ['one role: itself', [perm({ read: true, dataScope: 'dept' })], perm({ read: true, dataScope: 'dept' })],
    ['actions are a union', [perm({ read: true }), perm({ export: true }), perm({ delete: true })], perm({ read: true, export: true, delete: true })],
    ['self + self_sub → self_sub', [perm({ read: true }), perm({ read: true, dataScope: 'self_sub' })], perm({ read: true, dataScope: 'self_sub' })],
    ['dept_sub + dept → dept_sub', [perm({ read: true, dataScope: 'dept_sub' }), perm({ read: true, dataScope: 'dept' })], perm({ read: true, dataScope: 'dept_sub' })],
    ['all wins over everything', [perm({ dataScope: 'dept_sub', update: true }), perm({ dataScope: 'all', read: true }), perm({ dataScope: 'self', read: true })], perm({ read: true, update: true, dataScope: 'all' })],
    ['false never revokes a grant', [perm({ create: true }), perm({ create: false })], perm({ create: true })],
  ])('%s', (_name, rows, expected) => {
    expect(mergeObjectPermissions(rows)).toEqual(expected);
  });

  it('does not mutate its input nor the shared NO_PERMISSION value', () => {
    const rows = [perm({ read: true, dataScope: 'all' })];
    const copy = structuredClone(rows);
    mergeObjectPermissions(rows);
    expect(rows).toEqual(copy);
    expect(NO_PERMISSION).toEqual({ read: false, create: false, update: false, delete: false, export: false, dataScope: 'self' });
  });

  it('matches the reference model (union of actions, widest scope)', () => {
    fc.assert(fc.property(fc.array(objectArb, { maxLength: 6 }), (rows) => {
      expect(mergeObjectPermissions(rows)).toEqual(modelObject(rows));
    }), RUNS);
  });

  it('is idempotent, commutative and associative, with NO_PERMISSION as identity', () => {
    fc.assert(fc.property(fc.array(objectArb, { maxLength: 5 }), fc.array(objectArb, { maxLength: 5 }), fc.integer(), (xs, ys, seed) => {
      const all = mergeObjectPermissions([...xs, ...ys]);
      expect(mergeObjectPermissions([...xs, ...xs])).toEqual(mergeObjectPermissions(xs));
      expect(mergeObjectPermissions([all, all])).toEqual(all);
      const shuffled = [...xs, ...ys].sort((a, b) => (JSON.stringify(a) + seed).localeCompare(JSON.stringify(b) + seed));
      expect(mergeObjectPermissions(shuffled)).toEqual(all);
      expect(mergeObjectPermissions([...ys, ...xs])).toEqual(all);
      expect(mergeObjectPermissions([mergeObjectPermissions(xs), mergeObjectPermissions(ys)])).toEqual(all);
      expect(mergeObjectPermissions([NO_PERMISSION, ...xs])).toEqual(mergeObjectPermissions(xs));
    }), RUNS);
  });

  it('adding a role never takes a right away (monotone)', () => {
    fc.assert(fc.property(fc.array(objectArb, { maxLength: 5 }), objectArb, (rows, extra) => {
      const before = mergeObjectPermissions(rows);
      const after = mergeObjectPermissions([...rows, extra]);
      for (const action of OBJECT_ACTIONS) if (before[action]) expect(after[action]).toBe(true);
      expect(DATA_SCOPES.indexOf(after.dataScope)).toBeGreaterThanOrEqual(DATA_SCOPES.indexOf(before.dataScope));
    }), RUNS);
  });

  // Regression: a role row that grants no action at all once widened the merged data scope, so
  // combining "read own customers" with an empty row scoped 'all' let the user read every customer.
  it('a role row that grants nothing does not widen the scope of the others', () => {
    const merged = mergeObjectPermissions([perm({ read: true, dataScope: 'self' }), perm({ dataScope: 'all' })]);
    expect(merged).toEqual(perm({ read: true, dataScope: 'self' }));
  });
});

describe('mergeFieldAccess', () => {
  it.each<[string, FieldAccess[], FieldAccess]>([
    ['no grant: hidden', [], fa('hidden')],
    ['hidden is never masked', [fa('hidden', true)], fa('hidden')],
    ['hidden + hidden masked', [fa('hidden', true), fa('hidden', false), fa('hidden', true)], fa('hidden')],
    ['read beats hidden', [fa('hidden'), fa('read')], fa('read')],
    ['edit beats read', [fa('read'), fa('edit')], fa('edit')],
    ['edit beats read regardless of order', [fa('edit'), fa('read')], fa('edit')],
    ['masked only if every top grant masks: read masked alone', [fa('read', true)], fa('read', true)],
    ['one clear read unmasks', [fa('read', true), fa('read', false)], fa('read')],
    ['one clear read unmasks (other order)', [fa('read', false), fa('read', true)], fa('read')],
    ['clear read below a masked edit does not unmask the edit', [fa('read', false), fa('edit', true)], fa('edit', true)],
    ['masked read below a clear edit does not mask it', [fa('read', true), fa('edit', false)], fa('edit')],
    ['a masked hidden row does not mask a read', [fa('hidden', true), fa('read', false)], fa('read')],
    ['two masked edits stay masked', [fa('edit', true), fa('edit', true)], fa('edit', true)],
  ])('%s', (_name, rows, expected) => {
    expect(mergeFieldAccess(rows)).toEqual(expected);
  });

  it('does not mutate its input', () => {
    const rows = [fa('read', true), fa('read', false)];
    mergeFieldAccess(rows);
    expect(rows).toEqual([fa('read', true), fa('read', false)]);
  });

  it('matches the reference model (strongest access; masked only when every role at that access masks)', () => {
    fc.assert(fc.property(fc.array(fieldArb, { maxLength: 6 }), (rows) => {
      expect(mergeFieldAccess(rows)).toEqual(modelField(rows));
    }), RUNS);
  });

  it('is idempotent, commutative and associative; hidden is never masked', () => {
    fc.assert(fc.property(fc.array(fieldArb, { maxLength: 5 }), fc.array(fieldArb, { maxLength: 5 }), (xs, ys) => {
      const all = mergeFieldAccess([...xs, ...ys]);
      expect(mergeFieldAccess([...xs, ...xs])).toEqual(mergeFieldAccess(xs));
      expect(mergeFieldAccess([all])).toEqual(all);
      expect(mergeFieldAccess([...ys, ...xs])).toEqual(all);
      expect(mergeFieldAccess([...xs, ...ys].reverse())).toEqual(all);
      expect(mergeFieldAccess([mergeFieldAccess(xs), mergeFieldAccess(ys)])).toEqual(all);
      if (all.access === 'hidden') expect(all.masked).toBe(false);
    }), RUNS);
  });

  it('adding a role never lowers access, and never masks what was clear at the same access', () => {
    fc.assert(fc.property(fc.array(fieldArb, { maxLength: 5 }), fieldArb, (rows, extra) => {
      const before = mergeFieldAccess(rows);
      const after = mergeFieldAccess([...rows, extra]);
      expect(RANK[after.access]).toBeGreaterThanOrEqual(RANK[before.access]);
      if (after.access === before.access && before.access !== 'hidden' && !before.masked) expect(after.masked).toBe(false);
    }), RUNS);
  });
});

describe('AccessContext', () => {
  const actor: Actor = { type: 'user', userId: 42, name: 'u', roleIds: [1, 2] };
  const context = (isAdmin: boolean) =>
    new AccessContext(
      actor,
      isAdmin,
      new Map([['customer', [perm({ read: true, dataScope: 'self' }), perm({ export: true, dataScope: 'dept' })]]]),
      new Map([
        ['customer.mobile', [fa('read', true), fa('read', true)]],
        ['customer.name', [fa('read'), fa('edit')]],
        ['customer.email', [fa('hidden', true)]],
      ]),
      new Map([['customer', [42, 43]]]),
    );

  it('merges the role rows of a known object', () => {
    const ctx = context(false);
    // The export-only row grants no read, so its 'dept' scope does not widen what may be read.
    expect(ctx.object('customer')).toEqual(perm({ read: true, export: true, dataScope: 'self' }));
    expect(ctx.can('customer', 'read')).toBe(true);
    expect(ctx.can('customer', 'export')).toBe(true);
    expect(ctx.can('customer', 'update')).toBe(false);
    expect(ctx.visibleOwners('customer')).toEqual([42, 43]);
  });

  it('denies by default: an unknown object has no rights and only its own rows', () => {
    const ctx = context(false);
    expect(ctx.object('lead')).toEqual(NO_PERMISSION);
    for (const action of OBJECT_ACTIONS) expect(ctx.can('lead', action)).toBe(false);
    expect(ctx.visibleOwners('lead')).toEqual([42]);
  });

  it('denies by default: an unknown field is hidden, also on a known object and with a similar key', () => {
    const ctx = context(false);
    for (const [object, field] of [['customer', 'idNumber'], ['customer', 'cf_budget'], ['customer', 'Mobile'], ['lead', 'mobile'], ['customer', 'mobile ']]) {
      expect(ctx.field(object!, field!)).toEqual(fa('hidden'));
    }
    expect(ctx.field('customer', 'mobile')).toEqual(fa('read', true));
    expect(ctx.field('customer', 'name')).toEqual(fa('edit'));
    expect(ctx.field('customer', 'email')).toEqual(fa('hidden'));
  });

  // Regression (fixed in 66c0e49): the loader stores null for scope 全部, and `?? [userId]` turned it into self.
  it('keeps scope 全部 (null owners) for a non-admin; only an object without grants falls back to self', () => {
    const ctx = new AccessContext(actor, false, new Map([['customer', [perm({ read: true, dataScope: 'all' })]]]), new Map(), new Map([['customer', null]]));
    expect(ctx.visibleOwners('customer')).toBeNull();
    expect(ctx.visibleOwners('lead')).toEqual([42]);
  });

  it('gives an admin everything on any object and field, unmasked, with every owner', () => {
    const ctx = context(true);
    for (const object of ['customer', 'lead', 'anything']) {
      expect(ctx.object(object)).toEqual({ read: true, create: true, update: true, delete: true, export: true, dataScope: 'all' });
      for (const action of OBJECT_ACTIONS) expect(ctx.can(object, action)).toBe(true);
      expect(ctx.visibleOwners(object)).toBeNull();
      expect(ctx.field(object, 'mobile')).toEqual(fa('edit'));
      expect(ctx.field(object, 'email')).toEqual(fa('edit'));
    }
  });

  it('agrees with mergeObjectPermissions / mergeFieldAccess for arbitrary grants; every action needs read', () => {
    fc.assert(fc.property(fc.array(objectArb, { maxLength: 4 }), fc.array(fieldArb, { maxLength: 4 }), (objects, fields) => {
      const ctx = new AccessContext(actor, false, new Map(objects.length ? [['customer', objects]] : []), new Map(fields.length ? [['customer.f', fields]] : []), new Map());
      const merged = mergeObjectPermissions(objects);
      expect(ctx.object('customer')).toEqual(merged.read ? merged : { ...NO_PERMISSION, dataScope: merged.dataScope });
      expect(ctx.field('customer', 'f')).toEqual(mergeFieldAccess(fields));
    }), RUNS);
  });
});
