import { appendAudit } from '../audit/index.js';
import { Keyring } from '../crypto/index.js';
import type { Locale } from '../errors/index.js';
import type { RecordService } from './record-service.js';
import { auditEntry, type RecordDeps, type RequestContext } from './record-context.js';
import { selectList, toRecordDto } from './record-mapper.js';
import type { ListParams } from './record-query.js';

export interface CsvExport {
  /** Streams the rows; resolves with the row count once the export is committed and audited. */
  run(write: (chunk: string) => void | Promise<void>): Promise<number>;
}

/**
 * Prepares an export of every record the caller may see (same filters, sort and permissions as
 * the list). Everything that can be refused (permission, bad filter) is refused here, before a
 * byte is sent; `run` then streams CSV through a server-side cursor, so memory stays flat at any
 * size. Masked fields stay masked; the export is audited with its row count.
 */
export async function prepareCsvExport(
  service: RecordService,
  deps: RecordDeps,
  ctx: RequestContext,
  params: Omit<ListParams, 'page' | 'pageSize'>,
  locale: Locale,
): Promise<CsvExport> {
  service.require(ctx, 'export');
  const fields = await service.fields(ctx);
  const compiler = service.compiler(fields);
  const where = compiler.where(params, service.scope(ctx));
  const order = compiler.orderBy(params.sort);
  const header = fields.map((f) => (locale === 'en' ? f.labelEn : f.labelZh));
  const query = `DECLARE export_cursor NO SCROLL CURSOR FOR SELECT ${selectList(fields, service.object.ownerColumn)}
       FROM ${service.object.table} t WHERE ${where} ORDER BY ${order}`;
  return {
    async run(write) {
      await write(`\uFEFF${header.map(csvCell).join(',')}\r\n`);
      let count = 0;
      await deps.db.tx(async (sql) => {
        await sql.query(query, compiler.parameters);
        for (;;) {
          const batch = await sql.query('FETCH 2000 FROM export_cursor');
          if (batch.rows.length === 0) break;
          await deps.keyring.ensureKeys(Keyring.keyIdsIn(batch.rows));
          const lines = batch.rows.map((row) => {
            const dto = toRecordDto(row, fields, deps.keyring, true);
            return fields.map((f) => csvCell(f.key === 'ownerId' ? (dto.ownerName ?? '') : dto[f.key])).join(',');
          });
          await write(`${lines.join('\r\n')}\r\n`);
          count += batch.rows.length;
        }
        await sql.query('CLOSE export_cursor');
        const entry = auditEntry(ctx, deps.clock.now(), `${service.object.name}.export`, service.object.name, '', {
          rows: count,
          fields: fields.map((f) => f.key),
        });
        await appendAudit(sql, [entry]);
      });
      return count;
    },
  };
}

/** Convenience for callers that want the whole CSV (tests, small exports). */
export async function exportCsv(
  service: RecordService,
  deps: RecordDeps,
  ctx: RequestContext,
  params: Omit<ListParams, 'page' | 'pageSize'>,
  locale: Locale,
  write: (chunk: string) => void,
): Promise<number> {
  return (await prepareCsvExport(service, deps, ctx, params, locale)).run(write);
}

/** One CSV cell, quoted when needed, with formula injection (=, +, -, @) neutralised for spreadsheets. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join(';') : String(value);
  // Plain numbers (+8613812345678, -12.5) are not formulas; anything else starting like one is.
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
