import crypto from 'node:crypto';

/** One audit entry as the chain hashes it. Pure: no I/O. */
export interface AuditEntry {
  at: Date;
  actorType: 'user' | 'api_key' | 'system';
  actorId: number | null;
  actorName: string;
  action: string;
  object: string;
  recordId: string;
  changes: Record<string, unknown>;
  ip: string;
  requestId: string;
}

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** hash = sha256(prev_hash ‖ canonical entry); `at` is to the second, in UTC. */
export function chainHash(prev: Buffer, entry: AuditEntry): Buffer {
  const body = canonicalJson({
    at: entry.at.toISOString().slice(0, 19) + 'Z',
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    object: entry.object,
    recordId: entry.recordId,
    changes: entry.changes,
    ip: entry.ip,
    requestId: entry.requestId,
  });
  return crypto.createHash('sha256').update(prev).update(body).digest();
}

/** Truncates to whole seconds (the audit log's precision). */
export function toSecond(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}
