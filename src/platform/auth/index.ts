export { hashPassword, verifyPassword, randomToken, tokenHash, DUMMY_HASH, issueSecretKey } from './passwords.js';
export { authenticate, API_KEY_PREFIX, type Authentication } from './authenticator.js';
