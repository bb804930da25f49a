import type { Sql } from '../db/index.js';

/**
 * Per-process cache of what access decisions read (sessions, access contexts, field definitions).
 * `sync()` reads one counter (`platform_versions.access`, moved by triggers in the same transaction
 * as any change) and drops everything when it moved, so a change applies on the next request in
 * every process while an unchanged request costs one tiny query instead of five.
 */
export class MetadataCache {
  private version = -1;
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries = 10_000) {}

  async sync(sql: Sql & { prepared?: Sql['query'] }): Promise<void> {
    const text = `SELECT version FROM platform_versions WHERE name = 'access'`;
    const row = (await (sql.prepared ? sql.prepared<{ version: number }>(text) : sql.query<{ version: number }>(text))).rows[0];
    const version = row?.version ?? 0;
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
  }

  /** The cached value for `key`, loading it once; a failed load is not kept. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const pending = load();
    this.entries.set(key, pending);
    pending.catch(() => this.entries.delete(key));
    return pending;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
