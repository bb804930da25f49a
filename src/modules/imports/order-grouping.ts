import type { OrderLineRow } from './order-import-row.js';

/**
 * Makes a staged line's text from where it sits in its order when the file keeps each order's lines
 * together (the usual export: one block of lines per order number): `orderSeq` the 1-based number of
 * the block in the file, `lineNo` the line's 1-based position in it, `summary` the order's on line 1
 * only — so SQL takes the orders from lines 1 instead of grouping millions of lines by text keys.
 * Plain arguments, not an object: it runs for every line of a 10M-line file.
 */
export type EmitLine = (line: OrderLineRow, orderSeq: number, lineNo: number, summary: OrderSummary | null) => string;

export interface OrderSummary {
  lineCount: number;
  linesSumFen: bigint;
  /**
   * The lines disagree on customer, time, status, channel, store, currency or declared amount —
   * as SQL's `min(x) IS DISTINCT FROM max(x)` sees it: NULL stores and amounts do not count.
   */
  disagree: boolean;
  /** The first store and declared amount the lines give (all equal unless they disagree). */
  store: string | null;
  amountFen: bigint | null;
}

/** The summary of one order's lines (at least one). Pure. */
export function summarizeOrder(lines: readonly OrderLineRow[]): OrderSummary {
  const first = lines[0]!;
  let linesSumFen = 0n;
  let disagree = false;
  let store: string | null = null;
  let amountFen: bigint | null = null;
  for (const l of lines) {
    linesSumFen += l.lineAmountFen;
    if (
      l.customer.type !== first.customer.type || l.customer.value !== first.customer.value || l.orderedAt.getTime() !== first.orderedAt.getTime()
      || l.status !== first.status || l.channel !== first.channel || l.currency !== first.currency
    ) disagree = true;
    if (l.store !== null) {
      if (store === null) store = l.store;
      else if (l.store !== store) disagree = true;
    }
    if (l.amountFen !== null) {
      if (amountFen === null) amountFen = l.amountFen;
      else if (l.amountFen !== amountFen) disagree = true;
    }
  }
  return { lineCount: lines.length, linesSumFen, disagree, store, amountFen };
}

/**
 * Numbers the valid lines of a file into orders of adjacent lines with the same source + external
 * id, and tells whether every order's lines were adjacent (`adjacent`): a key that comes back after
 * another order's lines makes it false, and SQL must group the lines itself. Keys are remembered as
 * 64-bit fingerprints, not strings (no garbage for 10M orders); two different keys with the same
 * fingerprint only cost the slower path.
 */
export class AdjacentOrders {
  /** The current order's lines (reused: emit runs synchronously). */
  private readonly lines: OrderLineRow[] = [];
  private orderSeq = 0;
  private readonly seen = new FingerprintSet();
  adjacent = true;

  /**
   * Takes the next valid line; returns the staging text of the order it completes ('' when the line
   * continues the current order).
   */
  add(line: OrderLineRow, emit: EmitLine): string {
    const current = this.lines[0];
    if (current !== undefined && current.externalId === line.externalId && current.source === line.source) {
      this.lines.push(line);
      return '';
    }
    const text = this.flush(emit);
    if (this.adjacent && !this.seen.add(fingerprint(line.source, line.externalId, 0x811c9dc5, 0x01000193), fingerprint(line.source, line.externalId, 0x9747b28c, 0x5bd1e995))) {
      this.adjacent = false;
    }
    this.lines.push(line);
    return text;
  }

  /** The staging text of the last order. */
  finish(emit: EmitLine): string {
    return this.flush(emit);
  }

  private flush(emit: EmitLine): string {
    const lines = this.lines;
    if (lines.length === 0) return '';
    this.orderSeq += 1;
    let text = emit(lines[0]!, this.orderSeq, 1, summarizeOrder(lines));
    for (let i = 1; i < lines.length; i++) text += emit(lines[i]!, this.orderSeq, i + 1, null);
    lines.length = 0;
    return text;
  }
}

/** A 32-bit FNV-1a style hash of `source \0 externalId`; two seeds and primes make the two halves of a fingerprint. */
function fingerprint(source: string, externalId: string, seed: number, prime: number): number {
  let h = seed;
  for (let i = 0; i < source.length; i++) h = Math.imul(h ^ source.charCodeAt(i), prime);
  h = Math.imul(h, prime);
  for (let i = 0; i < externalId.length; i++) h = Math.imul(h ^ externalId.charCodeAt(i), prime);
  return h >>> 0;
}

/**
 * An open-addressing set of 64-bit fingerprints (two uint32 halves side by side) in one typed array,
 * at most three quarters full: 10M keys take 128 MB, with no objects for the garbage collector.
 * All-zero marks an empty slot; the fingerprint 0:0 is a flag of its own. Exported for its tests.
 */
export class FingerprintSet {
  private slots = new Uint32Array(2 * 1024);
  private count = 0;
  private zero = false;

  get size(): number {
    return this.count;
  }

  /** Adds the fingerprint; false when it was already there. */
  add(hi: number, lo: number): boolean {
    const capacity = this.slots.length >>> 1;
    if (4 * (this.count + 1) > 3 * capacity) this.grow();
    hi >>>= 0;
    lo >>>= 0;
    let inserted: boolean;
    if (hi === 0 && lo === 0) {
      inserted = !this.zero;
      this.zero = true;
    } else inserted = place(this.slots, hi, lo);
    if (inserted) this.count += 1;
    return inserted;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) place(this.slots, old[i]!, old[i + 1]!);
  }
}

function place(slots: Uint32Array, hi: number, lo: number): boolean {
  const mask = (slots.length >>> 1) - 1;
  let i = (Math.imul(hi ^ lo, 0x9e3779b1) >>> 0) & mask;
  for (;;) {
    const h = slots[2 * i]!;
    const l = slots[2 * i + 1]!;
    if (h === 0 && l === 0) break;
    if (h === hi && l === lo) return false;
    i = (i + 1) & mask;
  }
  slots[2 * i] = hi;
  slots[2 * i + 1] = lo;
  return true;
}
