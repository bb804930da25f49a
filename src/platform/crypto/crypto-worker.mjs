// Entry of the crypto worker thread. A worker does not inherit the tsx loader that bin/relata.js
// registers in the main thread, so it registers it before running the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./crypto-worker.ts');
