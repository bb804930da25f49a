/**
 * EXPLAIN ANALYZE of the exact SQL the record layer sends: RecordService runs on a Database that
 * records every statement, and each recorded statement is explained with its parameters.
 */
import type pg from 'pg';
import { customerObject } from '../src/modules/customers/index.js';
import { Database } from '../src/platform/db/index.js';
import { type ListParams, RecordService, type RequestContext } from '../src/platform/records/index.js';
import type { Runtime } from '../src/server/runtime.js';

class RecordingDatabase extends Database {
  readonly statements: { text: string; params: readonly unknown[] }[] = [];

  override query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: readonly unknown[]): Promise<pg.QueryResult<R>> {
    this.statements.push({ text, params: params ?? [] });
    return super.query<R>(text, params);
  }
}

export interface ExplainedStatement {
  label: string;
  sql: string;
  params: string;
  plan: string;
}

/** Runs `work` against a recording RecordService and explains the statements it sent (except field metadata). */
async function explainCalls(runtime: Runtime, label: string, work: (records: RecordService) => Promise<unknown>): Promise<ExplainedStatement[]> {
  const db = new RecordingDatabase(runtime.db.url, 2);
  try {
    await work(new RecordService({ db, keyring: runtime.keyring, clock: runtime.clock }, customerObject));
    const explained: ExplainedStatement[] = [];
    for (const { text, params } of db.statements) {
      if (text.includes('FROM field_definitions')) continue;
      const kind = /count\(\*\)/.test(text) ? 'count' : /ORDER BY/.test(text) ? 'page' : 'row';
      const plan = await runtime.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      explained.push({
        label: `${label} — ${kind} query`,
        sql: text.replace(/\s+/g, ' ').trim(),
        params: JSON.stringify(params.map((p) => (Buffer.isBuffer(p) ? `\\x${p.toString('hex')}` : p))),
        plan: plan.rows.map((r) => r['QUERY PLAN']).join('\n'),
      });
    }
    return explained;
  } finally {
    await db.close();
  }
}

export function explainList(runtime: Runtime, ctx: RequestContext, label: string, params: ListParams): Promise<ExplainedStatement[]> {
  return explainCalls(runtime, label, (records) => records.list(ctx, params));
}

export function explainDetail(runtime: Runtime, ctx: RequestContext, label: string, id: number): Promise<ExplainedStatement[]> {
  return explainCalls(runtime, label, (records) => records.get(ctx, id));
}
