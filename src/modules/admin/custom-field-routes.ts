import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, withErrors } from '../../platform/http/index.js';
import { CustomFieldService, FIELD_TYPES } from '../../platform/records/index.js';
import { adminContext } from './admin-access.js';
import { MANAGED_OBJECT_NAMES, MANAGED_OBJECTS } from './admin-objects.js';
import { IdParams, LIST_ERRORS, StringEnum, WRITE_ERRORS } from './admin-schemas.js';

const ObjectName = StringEnum(MANAGED_OBJECT_NAMES, { description: 'The object the field belongs to' });
const Label = Type.String({ minLength: 1, maxLength: 100 });
const Option = Type.Object({ value: Type.String({ minLength: 1, maxLength: 100 }), labelZh: Label, labelEn: Label }, { additionalProperties: false });
const Options = Type.Array(Option, { maxItems: 500, description: 'Required for select and multiselect, refused otherwise' });

const ListQuery = Type.Object({ object: ObjectName }, { additionalProperties: false });
const CreateBody = Type.Object(
  {
    object: ObjectName,
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: 'budget → the record property cf_budget' }),
    labelZh: Label,
    labelEn: Label,
    type: StringEnum(FIELD_TYPES),
    options: Type.Optional(Options),
    required: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const UpdateBody = Type.Object(
  { labelZh: Type.Optional(Label), labelEn: Type.Optional(Label), options: Type.Optional(Options), required: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, description: 'key and type are fixed once created' },
);
const CustomFieldDto = Type.Object({
  id: Type.Integer(),
  object: Type.String(),
  key: Type.String(),
  apiKey: Type.String({ description: 'The property on records: cf_<key>' }),
  labelZh: Type.String(),
  labelEn: Type.String(),
  type: StringEnum(FIELD_TYPES),
  options: Type.Array(Type.Object({ value: Type.String(), labelZh: Type.String(), labelEn: Type.String() })),
  required: Type.Boolean(),
  position: Type.Integer(),
});

/**
 * Thin routes over the platform's CustomFieldService (which validates options, adds the column and
 * its index, and audits custom_field.*). A new field is hidden from non-admin roles until granted.
 */
export function customFieldRoutes(app: FastifyInstance, deps: AppDeps): void {
  const fields = new CustomFieldService(deps, new Map(MANAGED_OBJECTS));
  const tags = ['admin'];

  app.get<{ Querystring: Static<typeof ListQuery> }>('/api/admin/custom-fields', { schema: { tags, summary: 'An object’s custom fields in display order', querystring: ListQuery, response: withErrors({ 200: Type.Array(CustomFieldDto) }, LIST_ERRORS) } }, async (request) => {
    await adminContext(request, deps);
    return fields.list(request.query.object);
  });

  app.post<{ Body: Static<typeof CreateBody> }>('/api/admin/custom-fields', { schema: { tags, summary: 'Add a custom field (a real, indexed column: filterable and sortable at once)', body: CreateBody, response: withErrors({ 201: CustomFieldDto }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    const { object, ...input } = request.body;
    reply.status(201);
    return fields.create(ctx, object, input);
  });

  app.patch<{ Params: IdParams; Body: Static<typeof UpdateBody> }>('/api/admin/custom-fields/:id', { schema: { tags, summary: 'Change a custom field’s labels, options or required flag', params: IdParams, body: UpdateBody, response: withErrors({ 200: CustomFieldDto }, WRITE_ERRORS) } }, async (request) => {
    const ctx = await adminContext(request, deps);
    return fields.update(ctx, request.params.id, request.body);
  });

  app.delete<{ Params: IdParams }>('/api/admin/custom-fields/:id', { schema: { tags, summary: 'Delete a custom field with its column, data and grants', params: IdParams, response: withErrors({ 204: Type.Null() }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    await fields.remove(ctx, request.params.id);
    return reply.status(204).send();
  });
}
