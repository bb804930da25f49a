export { Keyring, resolveMasterKey, type EncryptedColumn } from './keyring.js';
export { mask, type MaskKind } from './masking.js';
export { parseMasterKey } from './envelope.js';
