import { type Static, Type } from '@sinclair/typebox';
import { DATA_SCOPES } from '../../platform/permissions/index.js';
import { StringEnum, Timestamp } from './admin-schemas.js';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Description = Type.String({ maxLength: 500 });

export const CreateRoleBody = Type.Object({ name: Name, description: Type.Optional(Description) }, { additionalProperties: false });
export type CreateRoleInput = Static<typeof CreateRoleBody>;

export const UpdateRoleBody = Type.Object({ name: Type.Optional(Name), description: Type.Optional(Description) }, { additionalProperties: false });
export type UpdateRoleInput = Static<typeof UpdateRoleBody>;

export const RoleDto = Type.Object({
  id: Type.Integer(),
  key: Type.Union([Type.String(), Type.Null()], { description: 'Stable key of seeded roles (admin, sales_manager …); null for roles created here' }),
  name: Type.String(),
  description: Type.String(),
  isAdmin: Type.Boolean({ description: 'Grants everything; permissions do not apply' }),
  builtin: Type.Boolean({ description: 'The system role: cannot be edited or deleted' }),
  userCount: Type.Integer(),
  apiKeyCount: Type.Integer({ description: 'API keys bound to the role and not revoked' }),
  createdAt: Timestamp,
});
export type RoleDto = Static<typeof RoleDto>;

const ObjectGrant = Type.Object(
  {
    object: Type.String({ minLength: 1, maxLength: 64 }),
    read: Type.Boolean(),
    create: Type.Boolean(),
    update: Type.Boolean(),
    delete: Type.Boolean(),
    export: Type.Boolean(),
    dataScope: StringEnum(DATA_SCOPES, { description: 'self 本人 · self_sub 本人及下属 · dept 本部门 · dept_sub 本部门及下属 · all 全部' }),
  },
  { additionalProperties: false },
);

const FieldGrant = Type.Object(
  {
    object: Type.String({ minLength: 1, maxLength: 64 }),
    field: Type.String({ minLength: 1, maxLength: 64, description: 'API field key, custom fields as cf_<key>' }),
    access: StringEnum(['hidden', 'read', 'edit'] as const),
    masked: Type.Boolean({ description: 'Sensitive values arrive masked (138****1234)' }),
  },
  { additionalProperties: false },
);

/** A role's grants: GET answers it, PUT replaces them with it. Deny by default: no row, no access. */
export const RolePermissions = Type.Object(
  { objects: Type.Array(ObjectGrant, { maxItems: 100 }), fields: Type.Array(FieldGrant, { maxItems: 5000 }) },
  { additionalProperties: false },
);
export type RolePermissions = Static<typeof RolePermissions>;
export type ObjectGrant = Static<typeof ObjectGrant>;
export type FieldGrant = Static<typeof FieldGrant>;
