import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctTimestamp } from './clock-skew.js';

const at = (iso: string) => new Date(iso);

describe('correctTimestamp', () => {
  it.each([
    ['no timestamp → receivedAt', at('2026-01-01T12:00:00Z'), null, null, '2026-01-01T12:00:00.000Z'],
    ['timestamp without sentAt → timestamp', at('2026-01-01T12:00:00Z'), at('2026-01-01T11:00:00Z'), null, '2026-01-01T11:00:00.000Z'],
    ['client clock 4 h behind', at('2026-01-01T12:00:10Z'), at('2026-01-01T08:00:00Z'), at('2026-01-01T08:00:05Z'), '2026-01-01T12:00:05.000Z'],
    ['client clock 1 day ahead', at('2026-01-01T12:00:00Z'), at('2026-01-02T11:59:00Z'), at('2026-01-02T12:00:00Z'), '2026-01-01T11:59:00.000Z'],
    ['sentAt without timestamp → receivedAt', at('2026-01-01T12:00:00Z'), null, at('2025-01-01T00:00:00Z'), '2026-01-01T12:00:00.000Z'],
  ])('%s', (_name, receivedAt, timestamp, sentAt, expected) => {
    expect(correctTimestamp(receivedAt, timestamp, sentAt).toISOString()).toBe(expected);
  });

  it('is independent of the client clock offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e10, max: 1e10 }), fc.integer({ min: 0, max: 1e8 }), (offset, delay) => {
        const received = at('2026-06-01T00:00:00Z');
        const happened = received.getTime() - delay;
        const sent = received.getTime();
        const corrected = correctTimestamp(received, new Date(happened + offset), new Date(sent + offset));
        expect(corrected.getTime()).toBe(happened);
      }),
    );
  });
});
