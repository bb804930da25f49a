import { Worker } from 'node:worker_threads';
import type { CryptoJob, CryptoRequest, CryptoResponse } from './crypto-worker.js';
import type { Packed } from './envelope.js';

/**
 * One worker thread for bulk sealing and blind indexes, so bulk imports use the second core while
 * the main thread (and PostgreSQL) go on. Requests are answered in order; the worker starts on first
 * use, does not keep the process alive, and is started afresh after a failure.
 */
export class CryptoWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Packed) => void; reject: (e: Error) => void }>();

  /** The job's values, packed (`unpack` / `unpackLatin1` them). */
  run(job: CryptoJob): Promise<Packed> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...job, id } satisfies CryptoRequest);
    });
  }

  /** Stops the worker (if started); requests still pending fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.fail(new Error('the crypto worker was closed'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./crypto-worker.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (m: CryptoResponse) => {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if ('error' in m) waiting.reject(new Error(`crypto worker: ${m.error}`));
      else waiting.resolve({ data: Buffer.from(m.data), lengths: m.lengths });
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      this.fail(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the crypto worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
