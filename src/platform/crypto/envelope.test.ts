import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex, blindIndexMany, blindIndexText, hmacSha256, open, seal, unpack, unpackLatin1 } from './envelope.js';

describe('envelope', () => {
  it('hmacSha256 equals node:crypto HMAC-SHA256 for any key length (short, one block, hashed long keys) and any text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 130 }), fc.string({ unit: 'binary', maxLength: 200 }), (key, message) => {
        const k = Buffer.from(key);
        expect(hmacSha256(k, message).equals(crypto.createHmac('sha256', k).update(message).digest())).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('blind indexes stay what they were: 16 bytes of HMAC-SHA256 over "field NUL value"', () => {
    const key = Buffer.alloc(32, 7);
    const expected = crypto.createHmac('sha256', key).update('mobile\u000013800138000').digest().subarray(0, 16);
    expect(blindIndex(key, 'mobile', '13800138000').equals(expected)).toBe(true);
  });

  it('blindIndexText is blindIndex as latin1 text; blindIndexMany packs the same bytes, nulls kept, for unpack and unpackLatin1', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: null }), { maxLength: 30 }), (values) => {
        const key = Buffer.alloc(32, 9);
        const bytes = values.map((v) => (v === null ? null : blindIndex(key, 'email', v)));
        for (const [i, v] of values.entries()) if (v !== null) expect(Buffer.from(blindIndexText(key, 'email', v), 'latin1').equals(bytes[i]!)).toBe(true);
        const packed = blindIndexMany(key, 'email', values);
        expect(unpack(packed).map((b) => b?.toString('hex') ?? null)).toEqual(bytes.map((b) => b?.toString('hex') ?? null));
        expect(unpackLatin1(packed)).toEqual(values.map((v) => (v === null ? null : blindIndexText(key, 'email', v))));
      }),
      { numRuns: 200 },
    );
  });

  it('seal gives a fresh IV every time and opens back to the text', () => {
    const key = crypto.randomBytes(32);
    const sealed = Array.from({ length: 10_000 }, (_, i) => seal(key, 3, `值-${i}`));
    expect(new Set(sealed.map((s) => s.subarray(5, 17).toString('hex'))).size).toBe(10_000);
    for (const [i, s] of sealed.entries()) expect(open(key, s)).toBe(`值-${i}`);
    expect(sealed[0]!.readUInt32BE(1)).toBe(3);
  });
});
