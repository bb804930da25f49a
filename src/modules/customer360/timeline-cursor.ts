import { AppError } from '../../platform/errors/index.js';

export const TIMELINE_KINDS = ['event', 'order', 'change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Position after the last item of a page: the item's time (microsecond ISO text), kind and id. */
export interface TimelineCursor {
  at: string;
  kind: TimelineKind;
  id: number;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Opaque to clients: base64url of `[at, kind, id]`. */
export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.kind, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): TimelineCursor {
  const invalid = () => new AppError('request.invalid', { field: 'cursor', params: { reason: 'cursor is not valid' } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [at, kind, id] = parsed as unknown[];
  if (typeof at !== 'string' || !AT.test(at) || Number.isNaN(Date.parse(at))) throw invalid();
  if (!TIMELINE_KINDS.includes(kind as TimelineKind)) throw invalid();
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw invalid();
  return { at, kind: kind as TimelineKind, id };
}

/** `kinds=event,order` → the distinct known kinds, in catalogue order; empty or absent → all. */
export function parseKinds(raw: string | undefined): TimelineKind[] {
  if (!raw) return [...TIMELINE_KINDS];
  const wanted = raw.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = wanted.find((k) => !TIMELINE_KINDS.includes(k as TimelineKind));
  if (unknown) throw new AppError('request.invalid', { field: 'kinds', params: { reason: `unknown kind ${unknown}; expected ${TIMELINE_KINDS.join(', ')}` } });
  return TIMELINE_KINDS.filter((k) => wanted.includes(k));
}
