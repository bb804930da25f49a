import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../db/index.js';
import { Keyring } from './keyring.js';
import { mask } from './masking.js';

describe('Keyring', () => {
  let db: Database;
  const master = crypto.randomBytes(32);
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('round-trips any string and never stores the plaintext', async () => {
    const keyring = await Keyring.load(db, master);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const sealed = keyring.encrypt(text);
        expect(keyring.decrypt(sealed)).toBe(text);
        if (text.length >= 4) expect(sealed.includes(Buffer.from(text))).toBe(false);
      }),
    );
  });

  it('gives the same blind index for the same value and a different one per field', async () => {
    const keyring = await Keyring.load(db, master);
    expect(keyring.blindIndex('mobile', '+8613812341234')).toEqual(keyring.blindIndex('mobile', '+8613812341234'));
    expect(keyring.blindIndex('mobile', 'x')).not.toEqual(keyring.blindIndex('email', 'x'));
  });

  it('encryptMany and blindIndexMany (large batches on the crypto worker) equal the one-value forms; nulls stay null', async () => {
    const keyring = await Keyring.load(db, master);
    try {
      const values = Array.from({ length: 3000 }, (_, i) => (i % 7 === 3 ? null : `张三 ${i} 13812341234 ${'x'.repeat(i % 40)}`));
      const [large, small, indexes] = await Promise.all([keyring.encryptMany(values), keyring.encryptMany(values.slice(0, 10)), keyring.blindIndexMany('mobile', values)]);
      expect(large).toHaveLength(values.length);
      expect(large.map((sealed) => (sealed === null ? null : keyring.decrypt(sealed)))).toEqual(values);
      expect(small.map((sealed) => (sealed === null ? null : keyring.decrypt(sealed)))).toEqual(values.slice(0, 10));
      // Blind indexes come back as latin1 text: 16 characters, one a byte of blindIndex.
      expect(indexes.map((t) => (t === null ? null : Buffer.from(t, 'latin1').toString('hex')))).toEqual(values.map((v) => (v === null ? null : keyring.blindIndex('mobile', v).toString('hex'))));
      expect(indexes.every((t) => t === null || t.length === 16)).toBe(true);
      // Fresh IVs: the same plaintext never seals to the same bytes.
      const [a, b] = await Promise.all([keyring.encryptMany(values), keyring.encryptMany(values)]);
      expect(a[0]!.equals(b[0]!)).toBe(false);
    } finally {
      await keyring.close();
    }
    // A closed keyring starts a new worker when it needs one.
    expect(keyring.decrypt((await keyring.encryptMany(Array.from({ length: 600 }, () => 'again')))[599]!)).toBe('again');
    await keyring.close();
  });

  it('detects tampering', async () => {
    const keyring = await Keyring.load(db, master);
    const sealed = keyring.encrypt('13812341234');
    sealed.writeUInt8(sealed.readUInt8(sealed.length - 1) ^ 1, sealed.length - 1);
    expect(() => keyring.decrypt(sealed)).toThrow();
  });

  it('rejects a wrong master key', async () => {
    await Keyring.load(db, master);
    await expect(Keyring.load(db, crypto.randomBytes(32))).rejects.toThrow();
  });

  it('rotates: re-seals every value with the new key and old values stay readable meanwhile', async () => {
    const keyring = await Keyring.load(db, master);
    const now = new Date();
    const values = Array.from({ length: 25 }, (_, i) => `1380000${String(i).padStart(4, '0')}`);
    for (const v of values) {
      await db.query('INSERT INTO customers (name, mobile_enc, created_at, updated_at) VALUES ($1, $2, $3, $3)', [
        v,
        keyring.encrypt(v),
        now,
      ]);
    }
    const before = keyring.activeKeyId;
    const moved = await keyring.rotate(db, master, [{ table: 'customers', column: 'mobile_enc', key: 'id' }], 7);
    expect(moved).toBe(25);
    expect(keyring.activeKeyId).not.toBe(before);
    const rows = (await db.query<{ name: string; mobile_enc: Buffer }>('SELECT name, mobile_enc FROM customers')).rows;
    for (const row of rows) {
      expect(row.mobile_enc.readUInt32BE(1)).toBe(keyring.activeKeyId);
      expect(keyring.decrypt(row.mobile_enc)).toBe(row.name);
    }
    const reloaded = await Keyring.load(db, master);
    expect(reloaded.activeKeyId).toBe(keyring.activeKeyId);
  });
});

describe('Keyring across processes', () => {
  it('a keyring loaded before a rotation reads values sealed after it (ensureKeys)', async () => {
    const db = await createTestDatabase();
    const master = crypto.randomBytes(32);
    try {
      const server = await Keyring.load(db, master);
      const rotator = await Keyring.load(db, master);
      await rotator.rotate(db, master, []);
      const sealed = rotator.encrypt('13800000000');
      expect(() => server.decrypt(sealed)).toThrow(/unknown data key/);
      await server.ensureKeys(Keyring.keyIdsIn([{ mobile: sealed }]));
      expect(server.decrypt(sealed)).toBe('13800000000');
      expect(server.activeKeyId).toBe(rotator.activeKeyId);
    } finally {
      await db.close();
    }
  });
});

describe('mask', () => {
  it.each([
    ['mobile', '13812341234', '138****1234'],
    ['mobile', '+8613812341234', '138****1234'],
    ['email', 'zhang.san@example.com', 'z***@example.com'],
    ['idNumber', '110101199003071234', '110***********1234'],
    ['generic', 'ab', '***'],
  ] as const)('%s %s → %s', (kind, input, expected) => {
    expect(mask(kind, input)).toBe(expected);
  });

  it('never returns the full value of anything longer than 2 characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), (s) => {
        expect(mask('generic', s)).not.toBe(s.includes('*') ? '' : s);
      }),
    );
  });
});
