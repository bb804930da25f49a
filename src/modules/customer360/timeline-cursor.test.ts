import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseKinds, TIMELINE_KINDS } from './timeline-cursor.js';

describe('timeline cursor', () => {
  it('round-trips any position', () => {
    const at = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(at, fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(...TIMELINE_KINDS), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (d, micros, kind, id) => {
        const cursor = { at: `${d.toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}Z`, kind, id };
        expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
      }),
    );
  });

  it.each(['', 'nonsense', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('["2026-06-01T08:00:00.000000Z","ticket",1]').toString('base64url'), Buffer.from('["2026-06-01","event",1]').toString('base64url'), Buffer.from('["2026-06-01T08:00:00.000000Z","event",-1]').toString('base64url')])(
    'rejects %j with request.invalid on cursor',
    (raw) => {
      expect(() => decodeCursor(raw)).toThrow(expect.objectContaining({ code: 'request.invalid', field: 'cursor' }));
    },
  );

  it('parses kinds', () => {
    expect(parseKinds(undefined)).toEqual(['event', 'order', 'change']);
    expect(parseKinds('change, event,event')).toEqual(['event', 'change']);
    expect(() => parseKinds('event,ticket')).toThrow(expect.objectContaining({ field: 'kinds' }));
  });
});
