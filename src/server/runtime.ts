import { type Clock, systemClock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { Keyring, resolveMasterKey } from '../platform/crypto/index.js';
import { sealLegacyAddresses } from '../modules/customers/index.js';
import { Database, type EmbeddedServer, ensureDatabase, migrate, resolvePreparedCommits, startEmbeddedServer } from '../platform/db/index.js';

/** An open database (embedded or external), migrated, with the field-encryption keyring loaded. */
export interface Runtime {
  db: Database;
  keyring: Keyring;
  masterKey: Buffer;
  clock: Clock;
  embedded: EmbeddedServer | undefined;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, options: { clock?: Clock; poolSize?: number } = {}): Promise<Runtime> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedServer(config.dataDir);
    await ensureDatabase(embedded.url('postgres'), 'relata');
    url = embedded.url('relata');
  }
  const db = new Database(url, options.poolSize ?? config.dbPoolSize);
  try {
    await migrate(db);
    // A split import interrupted between its two commits is completed (or undone) before anything reads.
    await resolvePreparedCommits(db);
    const masterKey = resolveMasterKey(config.masterKey, config.dataDir);
    const keyring = await Keyring.load(db, masterKey);
    await sealLegacyAddresses(db, keyring);
    let closed = false;
    return {
      db,
      keyring,
      masterKey,
      clock: options.clock ?? systemClock,
      embedded,
      async close() {
        if (closed) return;
        closed = true;
        await keyring.close();
        await db.close();
        if (embedded) await embedded.stop();
      },
    };
  } catch (error) {
    await db.close();
    if (embedded) await embedded.stop();
    throw error;
  }
}
