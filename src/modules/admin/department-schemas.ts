import { type Static, Type } from '@sinclair/typebox';
import { Id, NullableId } from './admin-schemas.js';

const Name = Type.String({ minLength: 1, maxLength: 100 });

export const CreateDepartmentBody = Type.Object({ name: Name, parentId: Type.Optional(NullableId) }, { additionalProperties: false });
export type CreateDepartmentInput = Static<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = Type.Object(
  { name: Type.Optional(Name), parentId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'null moves it to the top level' })) },
  { additionalProperties: false },
);
export type UpdateDepartmentInput = Static<typeof UpdateDepartmentBody>;

/** One node of the department tree; the tree is the flat list linked by parentId. */
export const DepartmentDto = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  sortOrder: Type.Integer(),
});
export type DepartmentDto = Static<typeof DepartmentDto>;
