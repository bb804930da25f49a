import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EventImportService, type EventImportResult, findImportJob, findImportTemplate, type ImportFormat, type ImportProgress, type ImportResult, ImportService, OrderImportService, type OrderImportResult, parseMapping, READ_CHUNK_BYTES, type TemplateObject } from '../modules/imports/index.js';
import type { Config } from '../platform/config.js';
import type { Sql } from '../platform/db/index.js';
import { isAppError, errorMessage } from '../platform/errors/index.js';
import { loadAccessContext } from '../platform/permissions/index.js';
import type { RequestContext } from '../platform/records/index.js';
import { openRuntime, type Runtime } from '../server/runtime.js';

export const IMPORT_USAGE = `relata import customers FILE.csv|FILE.xlsx [--dry-run] [--strict] [--duplicates skip|update|create]
    [--allow-erased] [--mapping '{"列名":"field"}' | --template NAME] [--as-user EMAIL] [--error-report OUT.csv] [--json]
relata import orders FILE.csv|FILE.xlsx [--dry-run] [--strict] [--mapping '{"列名":"column"}' | --template NAME] [--as-user EMAIL]
    [--error-report OUT.csv] [--json]
relata import events FILE.csv|FILE.xlsx [--dry-run] [--strict] [--mapping '{"列名":"column"}' | --template NAME] [--as-user EMAIL]
    [--error-report OUT.csv] [--json]
(--template: a column mapping saved on the import page, by name)
`;

type Flags = Record<string, string | boolean>;

function fail(message: string): number {
  process.stderr.write(`relata import: ${message}\n${IMPORT_USAGE}`);
  return 2;
}

/** The acting user: --as-user EMAIL, else the first active admin. Their roles and field permissions apply. */
async function actingUser(sql: Sql, email: string | undefined): Promise<{ id: number; name: string; roleIds: number[] } | undefined> {
  const user = await sql.query<{ id: number; name: string }>(
    email
      ? `SELECT id, name FROM users WHERE lower(email) = lower($1) AND status = 'active'`
      : `SELECT u.id, u.name FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
         WHERE r.is_admin AND u.status = 'active' ORDER BY u.id LIMIT 1`,
    email ? [email] : [],
  );
  const row = user.rows[0];
  if (!row) return undefined;
  const roles = await sql.query<{ role_id: number }>('SELECT role_id FROM user_roles WHERE user_id = $1', [row.id]);
  return { ...row, roleIds: roles.rows.map((r) => r.role_id) };
}

/** --error-report OUT.csv: the job's report written to a file. */
async function writeErrorReport(runtime: Runtime, flags: Flags, jobId: number | null): Promise<void> {
  if (typeof flags['error-report'] !== 'string' || !jobId) return;
  const job = await findImportJob(runtime.db, jobId, runtime.clock.now());
  if (job?.error_report) await fs.writeFile(flags['error-report'], job.error_report);
}

/** A refused import (bad mapping, permission): its message on stderr, exit 1. */
function refused(error: unknown): number {
  if (!isAppError(error)) throw error;
  process.stderr.write(`relata import: ${errorMessage(error.code, 'zh-CN', { field: error.field ?? '', reason: '', ...error.options.params })}\n`);
  return 1;
}

/** The request context of the acting user, or why there is none. */
async function cliContext(sql: Sql, flags: Flags): Promise<RequestContext | string> {
  const user = await actingUser(sql, typeof flags['as-user'] === 'string' ? flags['as-user'] : undefined);
  if (!user) return typeof flags['as-user'] === 'string' ? `no active user ${flags['as-user']}` : 'no admin user (run relata start once)';
  const access = await loadAccessContext(sql, { type: 'user', userId: user.id, name: user.name, roleIds: user.roleIds });
  return { access, ip: 'cli', requestId: `cli-import-${crypto.randomUUID()}` };
}

function summary(file: string, r: ImportResult): string {
  const lines = [
    `${path.basename(file)}: ${r.status}`,
    `  rows ${r.rows}, valid ${r.valid}, invalid ${r.invalid}`,
    `  created ${r.created}, updated ${r.updated}, skipped ${r.skipped}`,
  ];
  for (const e of r.errors.slice(0, 10)) lines.push(`  row ${e.row} ${e.field}: ${e.message}`);
  if (r.errors.length > 10) lines.push(`  … ${r.errors.length - 10}${r.invalid > 100 ? '+' : ''} more errors`);
  if (r.errorReportId) lines.push(`  error report: import ${r.errorReportId} (GET /api/imports/${r.errorReportId}/errors.csv, or --error-report FILE)`);
  return `${lines.join('\n')}\n`;
}

/**
 * `relata import customers FILE …`: the same validation, permissions and storage as
 * POST /api/imports/customers, as a chosen user. Exit code 0 when every row was valid, 1 when some
 * were not (or strict rejected the file), 2 on usage errors.
 */
export async function importCommand(config: Config, positionals: string[], flags: Flags): Promise<number> {
  const args = [...positionals];
  for (const name of ['dry-run', 'strict', 'json', 'allow-erased']) {
    const v = flags[name];
    if (typeof v === 'string') args.push(v); // `--dry-run FILE`: the parser took FILE as the flag's value
  }
  const [object, file] = args;
  if ((object !== 'customers' && object !== 'orders' && object !== 'events') || !file) return fail('expected: customers FILE, orders FILE or events FILE');
  const ext = path.extname(file).toLowerCase();
  const format: ImportFormat | undefined = ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : undefined;
  if (!format) return fail('FILE must end in .csv (UTF-8) or .xlsx');
  const duplicates = String(flags.duplicates ?? 'skip');
  if (duplicates !== 'skip' && duplicates !== 'update' && duplicates !== 'create') return fail('--duplicates must be skip, update or create');
  let mapping: Record<string, string> | undefined;
  try {
    mapping = typeof flags.mapping === 'string' ? parseMapping(flags.mapping) : undefined;
  } catch (error) {
    return fail(`--mapping: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (flags.template !== undefined && (typeof flags.template !== 'string' || mapping)) return fail('--template NAME names a saved mapping; give it or --mapping, not both');
  const json = flags.json !== undefined && flags.json !== false;
  if (object !== 'customers') return importStreamed(object, config, file, format, mapping, flags, json);
  const data = await fs.readFile(file);
  const runtime = await openRuntime(config, { poolSize: 3 });
  try {
    const ctx = await cliContext(runtime.db, flags);
    if (typeof ctx === 'string') return fail(ctx);
    const chosen = await templateMapping(runtime, 'customers', flags, mapping);
    if (typeof chosen === 'string') return fail(chosen);
    mapping = chosen;
    let lastPercent = -5;
    const onProgress = (phase: 'validate' | 'write', done: number, total: number) => {
      const percent = total ? Math.floor((done / total) * 100) : 100;
      if (percent - lastPercent < 5 && done !== total) return;
      lastPercent = done === total ? -5 : percent;
      process.stderr.write(`${phase === 'validate' ? 'validated' : 'stored'} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${percent}%)\n`);
    };
    const result = await new ImportService(runtime).run(ctx, {
      file: data,
      format,
      fileName: path.basename(file),
      mode: flags['dry-run'] !== undefined && flags['dry-run'] !== false ? 'dry-run' : 'commit',
      duplicates,
      strict: flags.strict !== undefined && flags.strict !== false,
      // Rows whose mobile / e-mail belonged to an erased person (PIPL) are row errors unless the
      // operator says the person came back; their consent then starts as withdrawn (erasure).
      allowErased: flags['allow-erased'] !== undefined && flags['allow-erased'] !== false,
      mapping,
      locale: 'zh-CN',
      onProgress,
    });
    await writeErrorReport(runtime, flags, result.errorReportId);
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : summary(file, result));
    return result.invalid > 0 || result.status === 'rejected' ? 1 : 0;
  } catch (error) {
    return refused(error);
  } finally {
    await runtime.close();
  }
}

/** Progress on stderr: bytes read of the file (CSV streams), then traits refreshed. */
function orderProgress(totalBytes: number): (p: ImportProgress) => void {
  let last = -5;
  return (p) => {
    if (p.phase === 'read' && p.bytes !== undefined) {
      const percent = totalBytes ? Math.floor((p.bytes / totalBytes) * 100) : 100;
      if (percent - last < 5) return;
      last = percent;
      process.stderr.write(`read ${p.done.toLocaleString('en')} rows, ${percent}% of the file\n`);
    } else if (p.phase === 'traits') process.stderr.write(`traits refreshed for ${p.done.toLocaleString('en')} customers\n`);
  };
}

function streamedSummary(file: string, r: OrderImportResult | EventImportResult): string {
  const lines = [
    `${path.basename(file)}: ${r.status}`,
    `  rows ${r.rows}, valid ${r.valid}, invalid ${r.invalid}`,
    'ordersCreated' in r
      ? `  orders created ${r.ordersCreated} (${r.created} lines), skipped ${r.ordersSkipped} (${r.skipped} lines, already imported)`
      : `  events created ${r.created}, skipped ${r.skipped} (messageId already imported)`,
  ];
  for (const e of r.errors.slice(0, 10)) lines.push(`  row ${e.row} ${e.field}: ${e.message}`);
  if (r.invalid > 10) lines.push(`  … ${r.invalid - 10} more errors`);
  if (r.errorReportId) lines.push(`  error report: import ${r.errorReportId} (GET /api/imports/${r.errorReportId}/errors.csv, or --error-report FILE)`);
  return `${lines.join('\n')}\n`;
}

/** `relata import orders|events FILE`: CSV is streamed from disk (never held whole), XLSX read into memory. */
/** The mapping of `--template NAME` (saved on the import page), else the given one; a message when there is no such template. */
async function templateMapping(runtime: Runtime, object: TemplateObject, flags: Flags, mapping: Record<string, string> | undefined): Promise<Record<string, string> | undefined | string> {
  if (typeof flags.template !== 'string') return mapping;
  const template = await findImportTemplate(runtime.db, object, flags.template);
  return template ? template.mapping : `no ${object} import template named "${flags.template}"`;
}

async function importStreamed(object: 'orders' | 'events', config: Config, file: string, format: ImportFormat, mapping: Record<string, string> | undefined, flags: Flags, json: boolean): Promise<number> {
  const size = (await fs.stat(file)).size;
  const runtime = await openRuntime(config, { poolSize: 3 });
  try {
    const ctx = await cliContext(runtime.db, flags);
    if (typeof ctx === 'string') return fail(ctx);
    const chosen = await templateMapping(runtime, object, flags, mapping);
    if (typeof chosen === 'string') return fail(chosen);
    mapping = chosen;
    const service = object === 'orders' ? new OrderImportService(runtime) : new EventImportService(runtime);
    const result = await service.run(ctx, {
      input: format === 'csv' ? () => createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }) : await fs.readFile(file),
      inputBytes: size,
      format,
      fileName: path.basename(file),
      mode: flags['dry-run'] !== undefined && flags['dry-run'] !== false ? 'dry-run' : 'commit',
      strict: flags.strict !== undefined && flags.strict !== false,
      mapping,
      locale: 'zh-CN',
      onProgress: orderProgress(size),
    });
    await writeErrorReport(runtime, flags, result.errorReportId);
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : streamedSummary(file, result));
    return result.invalid > 0 || result.status === 'rejected' ? 1 : 0;
  } catch (error) {
    return refused(error);
  } finally {
    await runtime.close();
  }
}
