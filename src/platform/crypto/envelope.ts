import crypto from 'node:crypto';

/**
 * AES-256-GCM primitives. A sealed value is `[version 1B][key id 4B][iv 12B][tag 16B][ciphertext]`,
 * so the key that sealed it can always be found and rotation can tell old values from new ones.
 */
const VERSION = 1;
const HEADER = 1 + 4 + 12 + 16;

/**
 * Random IVs are cut from a pool filled 4,096 at a time from the CSPRNG: one `randomBytes(12)` per
 * value cost more than the encryption itself on bulk imports. Every IV is used once; the pool is
 * refilled, never reread.
 */
const IV_POOL = Buffer.allocUnsafe(12 * 4096);
let ivOffset = IV_POOL.length;

function nextIv(): Buffer {
  if (ivOffset + 12 > IV_POOL.length) {
    crypto.randomFillSync(IV_POOL);
    ivOffset = 0;
  }
  const iv = Buffer.from(IV_POOL.subarray(ivOffset, ivOffset + 12));
  ivOffset += 12;
  return iv;
}

export function seal(key: Buffer, keyId: number, plaintext: string): Buffer {
  const iv = nextIv();
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = cipher.update(plaintext, 'utf8');
  const last = cipher.final();
  const out = Buffer.allocUnsafe(HEADER + body.length + last.length);
  out.writeUInt8(VERSION, 0);
  out.writeUInt32BE(keyId, 1);
  iv.copy(out, 5);
  cipher.getAuthTag().copy(out, 17);
  body.copy(out, HEADER);
  last.copy(out, HEADER + body.length);
  return out;
}

/**
 * Seals many values into one buffer (not pooled, so its memory can be transferred between threads):
 * value i occupies `lengths[i]` bytes after the previous ones; a null value has length -1 and no bytes.
 */
export function sealMany(key: Buffer, keyId: number, values: readonly (string | null)[]): Packed {
  return pack(values.map((v) => (v === null ? null : seal(key, keyId, v))));
}

/** Buffers in one buffer of their own (transferable) with a length each; null: -1. */
export interface Packed {
  data: Buffer;
  lengths: Int32Array;
}

function pack(buffers: readonly (Buffer | null)[]): Packed {
  const lengths = Int32Array.from(buffers, (b) => (b === null ? -1 : b.length));
  const data = Buffer.allocUnsafeSlow(buffers.reduce((sum, b) => sum + (b?.length ?? 0), 0));
  let at = 0;
  for (const b of buffers) if (b !== null) at += b.copy(data, at);
  return { data, lengths };
}

/** Packed values cut apart: `cut(from, to)` gives value bytes from…to (exclusive); -1 lengths give null. */
function unpackWith<T>(lengths: Int32Array, cut: (from: number, to: number) => T): (T | null)[] {
  const out: (T | null)[] = [];
  let at = 0;
  for (const length of lengths) {
    if (length < 0) out.push(null);
    else {
      out.push(cut(at, at + length));
      at += length;
    }
  }
  return out;
}

/** Packed values as latin1 strings (`blindIndexMany` → `blindIndexText`s). */
export function unpackLatin1({ data, lengths }: Packed): (string | null)[] {
  const text = data.toString('latin1');
  return unpackWith(lengths, (from, to) => text.slice(from, to));
}

/** Values packed by `sealMany` or `blindIndexMany`, as views into their buffer (no copies). */
export function unpack({ data, lengths }: Packed): (Buffer | null)[] {
  return unpackWith(lengths, (from, to) => data.subarray(from, to));
}

export function sealedKeyId(sealed: Buffer): number {
  if (sealed.length < HEADER || sealed.readUInt8(0) !== VERSION) throw new Error('not a sealed value');
  return sealed.readUInt32BE(1);
}

export function open(key: Buffer, sealed: Buffer): string {
  sealedKeyId(sealed);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(5, 17));
  decipher.setAuthTag(sealed.subarray(17, 33));
  return Buffer.concat([decipher.update(sealed.subarray(33)), decipher.final()]).toString('utf8');
}

/** Wraps a data key with the master key: `[iv 12B][tag 16B][ciphertext]`. */
export function wrapKey(masterKey: Buffer, dataKey: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', masterKey, iv);
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unwrapKey(masterKey: Buffer, wrapped: Buffer): Buffer {
  const decipher = crypto.createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(0, 12));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}

const BLOCK = 64;
/** Bytes of a blind index (the first half of the HMAC). */
export const BLIND_BYTES = 16;
/** HMAC-SHA256 key pads (RFC 2104) per key: computed once, not per value. */
const pads = new WeakMap<Buffer, { inner: Buffer; outer: Buffer }>();

function padsOf(key: Buffer) {
  let kept = pads.get(key);
  if (!kept) {
    const k = key.length > BLOCK ? crypto.hash('sha256', key, 'buffer') : key;
    const inner = Buffer.alloc(BLOCK, 0x36);
    const outer = Buffer.alloc(BLOCK, 0x5c);
    for (let i = 0; i < k.length; i++) {
      inner[i]! ^= k[i]!;
      outer[i]! ^= k[i]!;
    }
    kept = { inner, outer };
    pads.set(key, kept);
  }
  return kept;
}

/**
 * HMAC-SHA256 of a string, exactly as `createHmac('sha256', key)` (RFC 2104: H(K⊕opad ‖ H(K⊕ipad ‖ m)))
 * but with the pads kept per key and two one-shot hashes: bulk imports compute millions. The digests
 * travel as latin1 strings (one byte a character; 'binary' is latin1's alias): a one-shot hash that returns a Buffer allocates
 * its own backing store, which costs more than the hash of a short message (1M values: 4.5 s → 1.5 s).
 */
function hmacLatin1(key: Buffer, message: string): string {
  const { inner, outer } = padsOf(key);
  const length = Buffer.byteLength(message, 'utf8');
  const first = Buffer.allocUnsafe(BLOCK + length);
  inner.copy(first, 0);
  first.write(message, BLOCK, 'utf8');
  const second = Buffer.allocUnsafe(BLOCK + 32);
  outer.copy(second, 0);
  second.write(crypto.hash('sha256', first, 'binary'), BLOCK, 'latin1');
  return crypto.hash('sha256', second, 'binary');
}

export function hmacSha256(key: Buffer, message: string): Buffer {
  return Buffer.from(hmacLatin1(key, message), 'latin1');
}

/** Keyed hash for equality lookup without decrypting: same input, same 16 bytes. */
export function blindIndex(key: Buffer, field: string, normalizedValue: string): Buffer {
  return Buffer.from(blindIndexText(key, field, normalizedValue), 'latin1');
}

/**
 * `blindIndex` as a latin1 string of 16 characters (one a byte): what bulk work keeps, compares
 * and packs, so a million values are not a million small Buffers.
 */
export function blindIndexText(key: Buffer, field: string, normalizedValue: string): string {
  return hmacLatin1(key, `${field}\u0000${normalizedValue}`).slice(0, BLIND_BYTES);
}

/** `blindIndex` of many values of one field, packed like `sealMany`. */
export function blindIndexMany(key: Buffer, field: string, values: readonly (string | null)[]): Packed {
  const lengths = new Int32Array(values.length);
  let present = 0;
  for (const v of values) if (v !== null) present++;
  const data = Buffer.allocUnsafeSlow(present * BLIND_BYTES);
  let at = 0;
  values.forEach((v, i) => {
    if (v === null) lengths[i] = -1;
    else {
      lengths[i] = BLIND_BYTES;
      at += data.write(blindIndexText(key, field, v), at, 'latin1');
    }
  });
  return { data, lengths };
}

/** Parses RELATA_MASTER_KEY: 32 bytes as 64 hex characters or base64. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('RELATA_MASTER_KEY must be 32 bytes (64 hex characters or base64)');
  return key;
}
