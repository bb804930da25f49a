import crypto from 'node:crypto';

/**
 * AES-256-GCM primitives. A sealed value is `[version 1B][key id 4B][iv 12B][tag 16B][ciphertext]`,
 * so the key that sealed it can always be found and rotation can tell old values from new ones.
 */
const VERSION = 1;
const HEADER = 1 + 4 + 12 + 16;

export function seal(key: Buffer, keyId: number, plaintext: string): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const head = Buffer.alloc(5);
  head.writeUInt8(VERSION, 0);
  head.writeUInt32BE(keyId, 1);
  return Buffer.concat([head, iv, cipher.getAuthTag(), body]);
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

/** Keyed hash for equality lookup without decrypting: same input, same 16 bytes. */
export function blindIndex(key: Buffer, field: string, normalizedValue: string): Buffer {
  return crypto.createHmac('sha256', key).update(`${field}\u0000${normalizedValue}`).digest().subarray(0, 16);
}

/** Parses RELATA_MASTER_KEY: 32 bytes as 64 hex characters or base64. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('RELATA_MASTER_KEY must be 32 bytes (64 hex characters or base64)');
  return key;
}
