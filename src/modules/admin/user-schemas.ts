import { type Static, Type } from '@sinclair/typebox';
import { Id, NullableId, NullableTimestamp, StringEnum, Timestamp } from './admin-schemas.js';

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]{2,}$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Password = Type.String({ minLength: 8, maxLength: 200, description: 'At least 8 characters' });
const RoleIds = Type.Array(Id, { uniqueItems: true, maxItems: 50 });

export const CreateUserBody = Type.Object(
  { email: Email, name: Name, password: Password, departmentId: Type.Optional(Id), managerId: Type.Optional(Id), roleIds: RoleIds },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Name),
    departmentId: Type.Optional(NullableId),
    managerId: Type.Optional(NullableId),
    roleIds: Type.Optional(RoleIds),
    status: Type.Optional(StringEnum(USER_STATUSES, { description: 'disabled also ends the user’s sessions' })),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type UpdateUserInput = Static<typeof UpdateUserBody>;

/** A user as admins see it: never the password hash. */
export const UserDto = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  departmentId: Type.Union([Type.Integer(), Type.Null()]),
  managerId: Type.Union([Type.Integer(), Type.Null()]),
  roleIds: Type.Array(Type.Integer()),
  status: StringEnum(USER_STATUSES),
  locale: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastLoginAt: NullableTimestamp,
});
export type UserDto = Static<typeof UserDto>;
