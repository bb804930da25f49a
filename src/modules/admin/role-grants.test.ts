import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors/index.js';
import { diffGrants, sortGrants, validateGrants } from './role-grants.js';
import type { RolePermissions } from './role-schemas.js';

const catalogue = new Map([['customer', new Set(['id', 'name', 'mobile', 'cf_budget'])]]);
const object = (name = 'customer', dataScope: 'self' | 'all' = 'self') => ({ object: name, read: true, create: false, update: false, delete: false, export: false, dataScope });
const field = (name: string, access: 'hidden' | 'read' | 'edit' = 'read', masked = false, obj = 'customer') => ({ object: obj, field: name, access, masked });

function errorOf(grants: RolePermissions) {
  try {
    validateGrants(grants, catalogue);
    return null;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { code: error.code, field: error.field };
  }
}

describe('validateGrants', () => {
  it.each([
    ['valid', { objects: [object()], fields: [field('name'), field('cf_budget', 'edit')] }, null],
    ['empty', { objects: [], fields: [] }, null],
    ['unknown object', { objects: [object('lead')], fields: [] }, { code: 'role.unknown_object', field: 'objects.0.object' }],
    ['unknown object on a field', { objects: [], fields: [field('name', 'read', false, 'lead')] }, { code: 'role.unknown_object', field: 'fields.0.object' }],
    ['unknown field', { objects: [], fields: [field('name'), field('cf_nope')] }, { code: 'role.unknown_field', field: 'fields.1.field' }],
    ['duplicate object', { objects: [object(), object()], fields: [] }, { code: 'role.duplicate_grant', field: 'objects.1.object' }],
    ['duplicate field', { objects: [], fields: [field('mobile'), field('mobile', 'edit')] }, { code: 'role.duplicate_grant', field: 'fields.1.field' }],
  ] as const)('%s', (_name, grants, expected) => {
    expect(errorOf(grants as unknown as RolePermissions)).toEqual(expected);
  });
});

describe('diffGrants', () => {
  it('reports added, removed and changed grants old → new, and nothing for unchanged ones', () => {
    const before: RolePermissions = { objects: [object()], fields: [field('name'), field('mobile', 'read', true)] };
    const after: RolePermissions = { objects: [object('customer', 'all')], fields: [field('name'), field('cf_budget', 'edit')] };
    expect(diffGrants(before, after)).toEqual({
      customer: [{ read: true, create: false, update: false, delete: false, export: false, dataScope: 'self' }, { read: true, create: false, update: false, delete: false, export: false, dataScope: 'all' }],
      'customer.mobile': [{ access: 'read', masked: true }, null],
      'customer.cf_budget': [null, { access: 'edit', masked: false }],
    });
    expect(diffGrants(after, sortGrants({ objects: [...after.objects], fields: [...after.fields].reverse() }))).toEqual({});
  });
});
