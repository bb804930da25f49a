import { parentPort } from 'node:worker_threads';
import { blindIndexMany, sealMany } from './envelope.js';

/** A batch for the worker: seal values with a data key, or blind-index values of a field. Keys travel with each batch. */
export type CryptoJob = { kind: 'seal'; key: Uint8Array; keyId: number; values: (string | null)[] } | { kind: 'blind'; key: Uint8Array; field: string; values: (string | null)[] };

export type CryptoRequest = CryptoJob & { id: number };

export type CryptoResponse = { id: number; data: ArrayBuffer; lengths: Int32Array } | { id: number; error: string };

parentPort?.on('message', (request: CryptoRequest) => {
  try {
    const key = Buffer.from(request.key.buffer, request.key.byteOffset, request.key.byteLength);
    const { data, lengths } = request.kind === 'seal' ? sealMany(key, request.keyId, request.values) : blindIndexMany(key, request.field, request.values);
    const buffer = data.buffer as ArrayBuffer;
    parentPort!.postMessage({ id: request.id, data: buffer, lengths } satisfies CryptoResponse, [buffer, lengths.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies CryptoResponse);
  }
});
