export { Database, queryPrepared, type Sql } from './database.js';
export { startEmbeddedServer, STOP_SIGNALS, takeOverStopSignals, type EmbeddedServer } from './embedded-server.js';
export { migrate, readMigrations } from './migrator.js';
export { ensureDatabase } from './provision.js';
export { NotificationListener, type NotificationHandlers } from './notification-listener.js';
export { isoText, type JsonRead, jsonReadsSelect, parseJsonReads, readJson, readJsonMany } from './json-reads.js';
export { nextIdSql } from './sequences.js';
export { isUniqueViolation } from './pg-errors.js';
export { resolvePreparedCommits, SideTransaction, twoPhaseCommitAvailable, txWithSide } from './side-transaction.js';
