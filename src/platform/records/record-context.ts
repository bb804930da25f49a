import type { AuditEntry } from '../audit/index.js';
import type { Clock } from '../clock.js';
import type { Keyring } from '../crypto/index.js';
import type { Database } from '../db/index.js';
import type { AccessContext, MetadataCache } from '../permissions/index.js';

/** What every write or sensitive read carries: who, from where, which request. */
export interface RequestContext {
  access: AccessContext;
  ip: string;
  requestId: string;
  /** When set, field definitions are read through it (see MetadataCache). */
  cache?: MetadataCache;
}

export interface RecordDeps {
  db: Database;
  keyring: Keyring;
  clock: Clock;
}

/** An audit entry for this request; sensitive values must already be hashed by the caller. */
export function auditEntry(
  ctx: RequestContext,
  at: Date,
  action: string,
  object: string,
  recordId: string,
  changes: Record<string, unknown> = {},
): AuditEntry {
  const actor = ctx.access.actor;
  return {
    at,
    actorType: actor.type,
    actorId: actor.type === 'api_key' ? (actor.apiKeyId ?? null) : actor.userId,
    actorName: actor.name,
    action,
    object,
    recordId,
    changes,
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}

/** Audit view of a value: sensitive values become a keyed hash, never the value itself. */
export function auditValue(keyring: Keyring, field: string, sensitive: boolean, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (!sensitive) return value instanceof Date ? value.toISOString() : value;
  return `hmac:${keyring.blindIndex(`audit:${field}`, String(value)).toString('hex')}`;
}
