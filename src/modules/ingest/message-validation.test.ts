import { describe, expect, it } from 'vitest';
import { validateMessage } from './message-validation.js';
import type { CallType } from './tracking-message.js';

const errorOf = (raw: unknown, type: CallType | null) => {
  const result = validateMessage(raw, type);
  return result.ok ? null : result.error;
};

describe('validateMessage', () => {
  it.each<[string, unknown, CallType | null, { code: string; field: string } | null]>([
    ['track with userId', { userId: 'u1', event: 'Order Completed' }, 'track', null],
    ['numeric userId', { userId: 42, event: 'x' }, 'track', null],
    ['track without event', { userId: 'u1' }, 'track', { code: 'ingest.missing_field', field: 'event' }],
    ['no identity', { event: 'x' }, 'track', { code: 'ingest.missing_identity', field: 'userId' }],
    ['empty ids are absent', { userId: '', anonymousId: ' ', event: 'x' }, 'track', { code: 'ingest.missing_identity', field: 'userId' }],
    ['page by anonymousId without name', { anonymousId: 'a1' }, 'page', null],
    ['alias needs previousId', { userId: 'u1' }, 'alias', { code: 'ingest.missing_field', field: 'previousId' }],
    ['alias needs userId', { previousId: 'a1' }, 'alias', { code: 'ingest.missing_field', field: 'userId' }],
    ['alias', { previousId: 'a1', userId: 'u1' }, 'alias', null],
    ['group needs groupId', { userId: 'u1' }, 'group', { code: 'ingest.missing_field', field: 'groupId' }],
    ['bad timestamp', { userId: 'u1', timestamp: 'yesterday' }, 'identify', { code: 'ingest.invalid_field', field: 'timestamp' }],
    ['timestamp as number', { userId: 'u1', timestamp: 1 }, 'identify', { code: 'ingest.invalid_field', field: 'timestamp' }],
    ['traits not an object', { userId: 'u1', traits: [1] }, 'identify', { code: 'ingest.invalid_field', field: 'traits' }],
    ['properties not an object', { userId: 'u1', event: 'x', properties: 'p' }, 'track', { code: 'ingest.invalid_field', field: 'properties' }],
    ['batch item type missing', { userId: 'u1' }, null, { code: 'ingest.invalid_type', field: 'type' }],
    ['batch item unknown type', { type: 'explode', userId: 'u1' }, null, { code: 'ingest.invalid_type', field: 'type' }],
    ['batch item', { type: 'screen', userId: 'u1', name: 'Home' }, null, null],
    ['not an object', 'hello', 'track', { code: 'ingest.invalid_message', field: '' }],
    ['too large', { userId: 'u1', event: 'x', properties: { blob: 'x'.repeat(33 * 1024) } }, 'track', { code: 'ingest.message_too_large', field: '' }],
    ['unknown keys are data', { userId: 'u1', event: 'x', integrations: {}, _metadata: {}, properties: { anything: { deep: 1 } }, context: { whatever: 1 } }, 'track', null],
  ])('%s', (_name, raw, type, expected) => {
    expect(errorOf(raw, type)).toEqual(expected);
  });

  it('keeps properties, traits and context as given and parses times', () => {
    const result = validateMessage({ userId: 'u1', event: 'Viewed', properties: { sku: 'A1' }, context: { ip: '1.2.3.4' }, timestamp: '2026-01-01T00:00:00Z' }, 'track');
    expect(result.ok && result.message).toMatchObject({ type: 'track', name: 'Viewed', properties: { sku: 'A1' }, context: { ip: '1.2.3.4' }, traits: {} });
    expect(result.ok && result.message.timestamp?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('takes sentAt and context from the batch unless the item has its own', () => {
    const defaults = { sentAt: '2026-01-01T00:00:05Z', context: { library: { name: 'x' }, ip: '1.1.1.1' } };
    const result = validateMessage({ type: 'track', userId: 'u1', event: 'e', context: { ip: '2.2.2.2' } }, null, defaults);
    expect(result.ok && result.message.sentAt?.toISOString()).toBe('2026-01-01T00:00:05.000Z');
    expect(result.ok && result.message.context).toEqual({ library: { name: 'x' }, ip: '2.2.2.2' });
  });
});
