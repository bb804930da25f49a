import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/** The error body every failing route returns. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. customer.not_found' }),
      message: Type.String({ description: 'Human message in the Accept-Language locale' }),
      field: Type.Optional(Type.String({ description: 'The field at fault' })),
      requestId: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ field: Type.Optional(Type.String()), code: Type.String(), message: Type.Optional(Type.String()) }))),
    }),
  },
  { $id: 'ErrorBody' },
);

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (error.code and error.field say what)',
  401: 'Missing, invalid or expired credentials',
  403: 'Not permitted',
  404: 'Not found, or outside your data scope',
  409: 'Conflict',
  413: 'Body too large',
  422: 'Idempotency-Key reused with another body',
  429: 'Rate limited; see Retry-After',
};

/** Response schemas for a route: its success schemas plus the standard error answers. */
export function withErrors(success: Record<number, TSchema>, statuses: number[] = [400, 401, 403, 404, 429]) {
  const responses: Record<number, unknown> = { ...success };
  for (const status of statuses) responses[status] = { description: ERROR_DESCRIPTIONS[status], $ref: 'ErrorBody#' };
  return responses;
}

/**
 * Route option for answers built of open records (`additionalProperties: true`: the fields the
 * caller may see, already chosen by the data layer): plain `JSON.stringify`, which is what the
 * schema-compiled serializer does for such objects key by key, only slower. The response schemas
 * stay, for /openapi.json.
 */
export const openRecordSerializer = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) } as const;

/** OpenAPI 3 at /openapi.json, browsable at /docs. Built from the same schemas that validate requests. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Relata API', version: '0.1.0', description: 'Relata CRM REST API. Errors share one body: see ErrorBody.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Session token from /api/auth/login, or an API key (rk_…)' },
        },
      },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
