export { hashPassword, verifyPassword, randomToken, tokenHash, DUMMY_HASH } from './passwords.js';
export { authenticate, API_KEY_PREFIX } from './authenticator.js';
