import type { Sql } from '../db/index.js';

/**
 * Per-process cache of what access decisions read (sessions, access contexts, field definitions).
 * One counter (`platform_versions.access`, moved by triggers in the same transaction as any change)
 * says when it is out of date; when the counter moves, everything is dropped.
 *
 * Two ways to learn that it moved:
 *  - polling: `sync()` reads the counter once per request (one tiny prepared statement);
 *  - listening: while an `AccessVersionListener` is connected, the counter's moves arrive by
 *    NOTIFY at commit and `sync()` costs nothing. A write request in this process marks the cache
 *    stale (`markStale()`), so the next request after it reads the counter itself and does not race
 *    the notification; a lost listener falls back to polling until it is back.
 *
 * In an API process group the NOTIFY may reach a sibling process after the write's response reached
 * the client: `shareVersions()` lets the write (`afterWrite()`) hand the new version to the siblings
 * before its response leaves (see src/platform/http/cluster-access.ts).
 */
export class MetadataCache {
  private version = -1;
  private listening = false;
  private stale = true;
  private readonly entries = new Map<string, Promise<unknown>>();
  /** The highest version the siblings are known to have (announced by or to this process). */
  private shared = -1;
  private announce?: (version: number) => Promise<void>;

  constructor(private readonly maxEntries = 10_000) {}

  async sync(sql: Sql & { prepared?: Sql['query'] }): Promise<void> {
    if (this.listening && !this.stale) return;
    this.stale = false;
    const text = `SELECT version FROM platform_versions WHERE name = 'access'`;
    const row = (await (sql.prepared ? sql.prepared<{ version: number }>(text) : sql.query<{ version: number }>(text))).rows[0];
    const version = row?.version ?? 0;
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
  }

  /**
   * A version announced by NOTIFY (or by a sibling process, `fromPeer`). Versions only grow, so an
   * older one arriving late is ignored.
   */
  applyVersion(version: number, options: { fromPeer?: boolean } = {}): void {
    if (options.fromPeer && version > this.shared) this.shared = version;
    if (version <= this.version) return;
    this.entries.clear();
    this.version = version;
  }

  /** The listener is (dis)connected. Either way the next `sync()` reads the counter once. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.stale = true;
  }

  /** This process may just have changed access metadata: the next `sync()` reads the counter. */
  markStale(): void {
    this.stale = true;
  }

  /** In a process group: how to hand a version this process's writes moved to the sibling processes. */
  shareVersions(announce: (version: number) => Promise<void>): void {
    this.announce = announce;
  }

  /**
   * After a write request, before its response leaves. Alone: marks the cache stale. In a group:
   * reads the counter now and, when it moved past what the siblings have, hands them the version
   * and waits until they applied it (a failed read leaves the cache stale, as alone).
   */
  async afterWrite(sql: Sql & { prepared?: Sql['query'] }): Promise<void> {
    this.markStale();
    if (!this.announce) return;
    try {
      await this.sync(sql);
    } catch {
      this.stale = true;
      return;
    }
    if (this.version <= this.shared) return;
    this.shared = this.version;
    await this.announce(this.version);
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
