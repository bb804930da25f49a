import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Sql } from '../db/index.js';
import { CryptoWorkerClient } from './crypto-worker-client.js';
import { blindIndex, blindIndexText, open, parseMasterKey, seal, sealedKeyId, unpack, unpackLatin1, unwrapKey, wrapKey } from './envelope.js';

/** Batches smaller than this are done inline: posting them to the worker costs more than it saves. */
const WORKER_MIN_BATCH = 512;

/** An encrypted column registered by a module so that key rotation can re-encrypt it. */
export interface EncryptedColumn {
  table: string;
  column: string;
  key: string; // the table's primary-key column(s), e.g. 'id'
}

/**
 * Field encryption: data keys in `crypto_keys`, wrapped by the master key. One active data key
 * seals new values; retired keys still open old ones until `rotate()` has re-sealed them.
 */
export class Keyring {
  /** Two crypto worker threads (started on first use): bulk sealing uses the first; bulk blind indexes both. */
  private readonly workers = [new CryptoWorkerClient(), new CryptoWorkerClient()] as const;
  private constructor(
    private readonly dataKeys: Map<number, Buffer>,
    private activeId: number,
    private readonly blindKey: Buffer,
    private readonly source: { db: Database; masterKey: Buffer },
  ) {}

  static async load(db: Database, masterKey: Buffer): Promise<Keyring> {
    const loaded = await Keyring.read(db, masterKey);
    return new Keyring(loaded.dataKeys, loaded.activeId, loaded.blindKey, { db, masterKey });
  }

  /**
   * Picks up keys another process created (`relata keys rotate` while servers run): call it before
   * decrypting values sealed with a key id this process has not seen. Cheap when nothing is new.
   */
  async ensureKeys(keyIds: Iterable<number>): Promise<void> {
    if ([...keyIds].every((id) => this.dataKeys.has(id))) return;
    const loaded = await Keyring.read(this.source.db, this.source.masterKey);
    for (const [id, key] of loaded.dataKeys) this.dataKeys.set(id, key);
    this.activeId = loaded.activeId;
  }

  /** The key ids of sealed values in rows (any Buffer column), to pass to `ensureKeys`. */
  static keyIdsIn(rows: readonly Record<string, unknown>[]): Set<number> {
    const ids = new Set<number>();
    for (const row of rows) for (const value of Object.values(row)) if (Buffer.isBuffer(value) && value.length > 33 && value[0] === 1) ids.add(sealedKeyId(value));
    return ids;
  }

  private static async read(db: Database, masterKey: Buffer) {
    return db.tx(async (sql) => {
      await sql.query('SELECT pg_advisory_xact_lock(727372002)');
      let rows = (await sql.query<KeyRow>('SELECT id, purpose, wrapped, status FROM crypto_keys ORDER BY id')).rows;
      if (!rows.some((r) => r.purpose === 'blind_index')) {
        await insertKey(sql, masterKey, 1, 'blind_index');
        await insertKey(sql, masterKey, 2, 'data');
        rows = (await sql.query<KeyRow>('SELECT id, purpose, wrapped, status FROM crypto_keys ORDER BY id')).rows;
      }
      const dataKeys = new Map<number, Buffer>();
      let activeId = 0;
      let blindKey: Buffer | undefined;
      for (const row of rows) {
        const key = unwrapKey(masterKey, row.wrapped);
        if (row.purpose === 'blind_index') blindKey = key;
        else {
          dataKeys.set(row.id, key);
          if (row.status === 'active') activeId = row.id;
        }
      }
      if (!blindKey || activeId === 0) throw new Error('crypto_keys is incomplete');
      return { dataKeys, activeId, blindKey };
    });
  }

  get activeKeyId(): number {
    return this.activeId;
  }

  encrypt(plaintext: string): Buffer {
    return seal(this.dataKeys.get(this.activeId)!, this.activeId, plaintext);
  }

  /**
   * Seals many values with the active key (null stays null); batches of 512 or more on the crypto
   * worker thread, for bulk writes that have other work to do meanwhile (imports seal the next chunk
   * while PostgreSQL stores the current one).
   */
  async encryptMany(values: readonly (string | null)[]): Promise<(Buffer | null)[]> {
    if (values.length < WORKER_MIN_BATCH) return values.map((v) => (v === null ? null : this.encrypt(v)));
    return unpack(await this.workers[0].run({ kind: 'seal', key: new Uint8Array(this.dataKeys.get(this.activeId)!), keyId: this.activeId, values: [...values] }));
  }

  /**
   * `blindIndexText` of many values of one field (null stays null); large batches are split between
   * the two crypto workers (both cores hash, and this thread, whose heap may be large and slow to
   * allocate in, only waits).
   */
  async blindIndexMany(field: string, values: readonly (string | null)[]): Promise<(string | null)[]> {
    if (values.length < 2 * WORKER_MIN_BATCH) return values.map((v) => (v === null ? null : blindIndexText(this.blindKey, field, v)));
    const half = Math.floor(values.length / 2);
    const [first, second] = await Promise.all(this.workers.map((worker, i) => worker.run({ kind: 'blind', key: new Uint8Array(this.blindKey), field, values: i === 0 ? values.slice(0, half) : values.slice(half) })));
    return unpackLatin1(first!).concat(unpackLatin1(second!));
  }

  /** Stops the crypto workers, if they were started. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  decrypt(sealed: Buffer): string {
    const key = this.dataKeys.get(sealedKeyId(sealed));
    if (!key) throw new Error(`unknown data key ${sealedKeyId(sealed)}`);
    return open(key, sealed);
  }

  blindIndex(field: string, normalizedValue: string): Buffer {
    return blindIndex(this.blindKey, field, normalizedValue);
  }

  /**
   * Creates a new active data key and re-seals every registered column with it, in batches, each
   * batch its own transaction. Returns the number of values re-sealed.
   */
  async rotate(db: Database, masterKey: Buffer, columns: EncryptedColumn[], batchSize = 5000): Promise<number> {
    const newId = await db.tx(async (sql) => {
      await sql.query('SELECT pg_advisory_xact_lock(727372002)');
      const next = (await sql.query<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM crypto_keys')).rows[0]!.id;
      await sql.query(`UPDATE crypto_keys SET status = 'retired' WHERE purpose = 'data'`);
      const key = await insertKey(sql, masterKey, next, 'data');
      this.dataKeys.set(next, key);
      return next;
    });
    this.activeId = newId;
    const idBytes = Buffer.alloc(4);
    idBytes.writeUInt32BE(newId);
    let total = 0;
    for (const { table, column, key } of columns) {
      for (;;) {
        const moved = await db.tx(async (sql) => {
          const rows = (
            await sql.query<{ pk: string; value: Buffer }>(
              `SELECT ${key}::text AS pk, ${column} AS value FROM ${table}
               WHERE ${column} IS NOT NULL AND substring(${column} FROM 2 FOR 4) <> $1
               LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`,
              [idBytes],
            )
          ).rows;
          if (rows.length === 0) return 0;
          const resealed = rows.map((r) => this.encrypt(this.decrypt(r.value)));
          await sql.query(
            `UPDATE ${table} t SET ${column} = v.value
             FROM unnest($1::text[], $2::bytea[]) AS v(pk, value) WHERE t.${key}::text = v.pk`,
            [rows.map((r) => r.pk), resealed],
          );
          return rows.length;
        });
        total += moved;
        if (moved === 0) break;
      }
    }
    return total;
  }
}

interface KeyRow {
  id: number;
  purpose: 'data' | 'blind_index';
  wrapped: Buffer;
  status: 'active' | 'retired';
}

async function insertKey(sql: Sql, masterKey: Buffer, id: number, purpose: KeyRow['purpose']): Promise<Buffer> {
  const key = crypto.randomBytes(32);
  await sql.query(`INSERT INTO crypto_keys (id, purpose, wrapped, status) VALUES ($1, $2, $3, 'active')`, [
    id,
    purpose,
    wrapKey(masterKey, key),
  ]);
  return key;
}

/**
 * The master key: RELATA_MASTER_KEY when set; otherwise `<dataDir>/master.key`, generated on first
 * start with mode 0600 (the embedded default). Back that file up: without it the data cannot be read.
 */
export function resolveMasterKey(fromEnv: string | undefined, dataDir: string): Buffer {
  if (fromEnv) return parseMasterKey(fromEnv);
  const file = path.join(dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return parseMasterKey(fs.readFileSync(file, 'utf8'));
}
