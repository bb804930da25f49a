import { describe, expect, it } from 'vitest';
import { toEventRow } from './event-row.js';
import type { TrackingMessage } from './tracking-message.js';

const received = new Date('2026-03-01T10:00:00Z');
const message = (overrides: Partial<TrackingMessage>): TrackingMessage & { messageId: string } => ({
  type: 'track', messageId: 'm1', userId: 'u1', anonymousId: null, previousId: null, groupId: null, name: 'Clicked',
  timestamp: null, sentAt: null, context: {}, properties: {}, traits: {}, ...overrides, 
}) as TrackingMessage & { messageId: string };

describe('toEventRow', () => {
  it.each<[string, Partial<TrackingMessage>, { name: string; properties: unknown }]>([
    ['track: event name and properties', { properties: { sku: 'A1' } }, { name: 'Clicked', properties: { sku: 'A1' } }],
    ['page without name: the type', { type: 'page', name: null, properties: { url: '/x' } }, { name: 'page', properties: { url: '/x' } }],
    ['identify: traits without contact data', { type: 'identify', name: null, traits: { name: '李雷', email: 'l@x.cn', phone: '138', plan: 'pro' } }, { name: 'identify', properties: { name: '李雷', plan: 'pro' } }],
    ['group', { type: 'group', name: null, groupId: 'g1', traits: { size: 5 } }, { name: 'group', properties: { groupId: 'g1', traits: { size: 5 } } }],
    ['alias', { type: 'alias', name: null, previousId: 'a1' }, { name: 'alias', properties: { previousId: 'a1' } }],
  ])('%s', (_name, overrides, expected) => {
    const row = toEventRow(message(overrides), 7, 3, received);
    expect({ name: row.name, properties: JSON.parse(row.properties) }).toEqual(expected);
  });

  it('corrects the timestamp for skew and keeps receivedAt and sentAt', () => {
    const row = toEventRow(message({ timestamp: new Date('2026-03-01T02:00:00Z'), sentAt: new Date('2026-03-01T02:00:30Z') }), 7, 3, received);
    expect(row.occurredAt.toISOString()).toBe('2026-03-01T09:59:30.000Z');
    expect(row.receivedAt).toBe(received);
    expect(row.sentAt?.toISOString()).toBe('2026-03-01T02:00:30.000Z');
  });
});
