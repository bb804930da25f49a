import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, errorMessage, isAppError } from '../errors/index.js';
import type { Logger } from '../logger.js';
import { requestLocale } from './http-context.js';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Maps every failure to `{error:{code,message,field,requestId}}` with the catalogue's status, in one place. */
export function registerErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = isAppError(error) ? error : fromFastifyError(error);
    if (appError.status >= 500) logger.error({ err: { message: error.message, stack: error.stack }, reqId: request.id }, 'request failed');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('request.not_found')));
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const field = error.field;
  const params = { field: field ?? '', ...error.options.params };
  if (error.code === 'request.rate_limited' && error.options.params?.retryAfter) {
    reply.header('Retry-After', String(error.options.params.retryAfter));
  }
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: errorMessage(error.code, requestLocale(request), params),
      ...(field ? { field } : {}),
      ...(error.options.details ? { details: error.options.details } : {}),
      requestId: String(request.id),
    },
  });
}

function fromFastifyError(error: FastifyError): AppError {
  if (error.validation) return fromValidation(error.validation as ValidationIssue[], error.validationContext);
  const byCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
    FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  };
  const code = error.code ? byCode[error.code] : undefined;
  if (code) return new AppError(code, { params: { reason: error.message } });
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return new AppError('request.malformed_json');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('request.invalid', { params: { reason: error.message } });
  }
  return new AppError('internal.error');
}

function fromValidation(issues: ValidationIssue[], part: string | undefined): AppError {
  const issue = issues[0] ?? {};
  const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'additionalProperties') {
    const extra = String(issue.params?.additionalProperty ?? '');
    const field = base ? `${base}.${extra}` : extra;
    return new AppError('request.unknown_property', { field, params: { field } });
  }
  const missing = issue.keyword === 'required' ? String(issue.params?.missingProperty ?? '') : '';
  const field = [base, missing].filter(Boolean).join('.') || part || '';
  const reason = `${field ? `${field} ` : ''}${issue.message ?? 'is invalid'}`;
  return new AppError('request.invalid', { field: field || undefined, params: { reason } });
}
