import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestLocale } from '../../platform/http/index.js';
import type { IngestErrorCode } from './tracking-message.js';

/**
 * Wording of the ingest error codes. They are answered here rather than through AppError because the
 * platform catalogue is shared; the body has the platform's shape: {error:{code,message,field,requestId}}.
 */
const MESSAGES: Record<IngestErrorCode, { zh: string; en: string }> = {
  'ingest.invalid_message': { zh: '消息必须是 JSON 对象', en: 'A message must be a JSON object' },
  'ingest.invalid_type': { zh: '未知的消息类型', en: 'Unknown message type' },
  'ingest.invalid_field': { zh: '字段值无效', en: 'Invalid field value' },
  'ingest.missing_field': { zh: '缺少必填字段', en: 'A required field is missing' },
  'ingest.missing_identity': { zh: '需要 userId 或 anonymousId', en: 'userId or anonymousId is required' },
  'ingest.message_too_large': { zh: '单条消息超过 32 KB', en: 'A message may not exceed 32 KB' },
  'ingest.batch_too_large': { zh: '批量请求超过 500 KB', en: 'A batch may not exceed 500 KB' },
};

export function ingestErrorMessage(code: IngestErrorCode, request: FastifyRequest): string {
  const wording = MESSAGES[code];
  return requestLocale(request) === 'en' ? wording.en : wording.zh;
}

/** 400 with the platform's error body. */
export function sendIngestError(request: FastifyRequest, reply: FastifyReply, code: IngestErrorCode, field: string) {
  return reply.status(400).send({
    error: { code, message: ingestErrorMessage(code, request), ...(field ? { field } : {}), requestId: String(request.id) },
  });
}
