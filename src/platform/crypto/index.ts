export { Keyring, resolveMasterKey, type EncryptedColumn } from './keyring.js';
export { mask, type MaskKind } from './masking.js';
export { BLIND_BYTES, parseMasterKey } from './envelope.js';
