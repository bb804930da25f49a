import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../../test/support/global-setup.js';
import { TEST_MASTER_KEY } from '../../../test/support/test-app.js';
import { importCommand } from '../../cli/import-command.js';
import { loadConfig } from '../../platform/config.js';
import { writeCsv } from './csv.js';
import { CSV_TYPE, XLSX_TYPE } from './index.js';
import { SPLIT_AT } from './import-service.js';
import { createImportTestApp, type ImportTestApp, silenceStdio } from './import-test-app.js';
import { parseCsv } from './csv.js';
import { erasedHash } from '../privacy/index.js';

const HEADER = ['客户名称', '手机', '邮箱', '等级', '来源'];
const GOOD = [
  ['张三', '13800000001', 'zhang@example.com', 'A', '转介绍'],
  ['李四', '13800000002', '', 'B（普通）', 'Referral'],
  ['Wang, "Five"\nline 2', '', 'wang@example.com', 'c', 'ads'],
];
const BAD = ['', 'not-a-phone', 'x@', 'Z', ''];

describe('customer import', () => {
  let t: ImportTestApp;
  const upload = (body: string | Buffer, query: string, headers = t.adminHeaders, type = CSV_TYPE) =>
    t.app.inject({ method: 'POST', url: `/api/imports/customers?${query}`, headers: { ...headers, 'content-type': type }, payload: body });
  const count = async (table: string, where = 'TRUE') => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0]!.n;
  const search = async (q: string) => (await t.app.inject({ method: 'GET', url: `/api/customers?q=${encodeURIComponent(q)}`, headers: t.adminHeaders })).json().items;

  beforeAll(async () => {
    t = await createImportTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.query('DELETE FROM customers');
  });

  it('dry run validates and writes nothing', async () => {
    const audits = await count('audit_log');
    const res = await upload(writeCsv([HEADER, ...GOOD, BAD]), 'mode=dry-run');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'validated', rows: 4, valid: 3, invalid: 1, created: 3, updated: 0, skipped: 0 });
    expect(body.mapping).toEqual({ 客户名称: 'name', 手机: 'mobile', 邮箱: 'email', 等级: 'level', 来源: 'source' });
    expect(body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['5:name', '5:mobile', '5:email', '5:level']);
    expect(await count('customers')).toBe(0);
    expect(await count('audit_log')).toBe(audits);
  });

  it('commit stores valid rows encrypted and findable; the error report has the bad row', async () => {
    const res = await upload(writeCsv([HEADER, ...GOOD, BAD]), 'mode=commit');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', rows: 4, valid: 3, invalid: 1, created: 3 });
    const found = await search('13800000001');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: '张三', level: 'A', source: 'referral', mobile: '138****0001' });
    expect((await search('wang@example.com'))[0].name).toBe('Wang, "Five"\nline 2');
    const raw = await t.db.query('SELECT mobile_enc, owner_id FROM customers WHERE name = $1', ['张三']);
    expect(Buffer.from(raw.rows[0]!.mobile_enc).includes('13800000001')).toBe(false);
    expect(raw.rows[0]!.owner_id).toBeGreaterThan(0);
    const report = await t.app.inject({ method: 'GET', url: `/api/imports/${res.json().errorReportId}/errors.csv`, headers: t.adminHeaders });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const rows = parseCsv(report.body);
    expect(rows[0]).toEqual([...HEADER, '行号', '错误']);
    expect(rows[1]?.slice(0, 6)).toEqual([...BAD, '5']);
    expect(rows[1]?.[6]).toContain('mobile');
    const audit = await t.db.query(`SELECT record_id, changes FROM audit_log WHERE action = 'customer.import' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0]!.changes).toMatchObject({ rows: 4, valid: 3, invalid: 1, created: 3, updated: 0, skipped: 0 });
    expect(audit.rows[0]!.record_id).toBe(String(res.json().jobId));
    const event = await t.db.query(`SELECT payload FROM outbox WHERE topic = 'customer.imported' ORDER BY id DESC LIMIT 1`);
    expect(event.rows[0]!.payload).toMatchObject({ created: 3, firstId: res.json().firstId, lastId: res.json().lastId });
  });

  it('a cell with a NUL character is a row error (PostgreSQL text cannot hold it), not a failed import', async () => {
    const res = await upload(writeCsv([HEADER, GOOD[0]!, ['王\u0000五', '13800000009', '', '', '']]), 'mode=commit');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', rows: 2, valid: 1, invalid: 1, created: 1 });
    expect(res.json().errors.map((e: { row: number; field: string; code: string }) => `${e.row}:${e.field}:${e.code}`)).toEqual(['3:name:field.invalid_value']);
    const report = await t.app.inject({ method: 'GET', url: `/api/imports/${res.json().errorReportId}/errors.csv`, headers: t.adminHeaders });
    expect(parseCsv(report.body)[1]?.slice(0, 2)).toEqual(['王\uFFFD五', '13800000009']);
  });

  it('strict mode stores nothing when one row is bad', async () => {
    const res = await upload(writeCsv([HEADER, ...GOOD, BAD]), 'mode=commit&strict=true');
    expect(res.json()).toMatchObject({ status: 'rejected', valid: 3, invalid: 1, created: 0 });
    expect(await count('customers')).toBe(0);
    expect(res.json().errorReportId).toBeGreaterThan(0);
  });

  it('duplicates by mobile then email: skip, update, create', async () => {
    await upload(writeCsv([HEADER, ...GOOD]), 'mode=commit');
    const again = [['张三二', '13800000001', '', 'B', ''], ['王五新', '', 'WANG@example.com', '', ''], ['新人', '13800000009', '', '', '']];
    const skip = (await upload(writeCsv([HEADER, ...again]), 'mode=commit&duplicates=skip')).json();
    expect(skip).toMatchObject({ created: 1, updated: 0, skipped: 2 });
    const update = (await upload(writeCsv([HEADER, ...again]), 'mode=commit&duplicates=update')).json();
    expect(update).toMatchObject({ created: 0, updated: 3, skipped: 0 });
    expect((await search('13800000001'))[0]).toMatchObject({ name: '张三二', level: 'B', source: 'referral' });
    expect((await search('wang@example.com'))[0].name).toBe('王五新');
    const create = (await upload(writeCsv([HEADER, ...again]), 'mode=commit&duplicates=create')).json();
    expect(create).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    expect(await search('13800000001')).toHaveLength(2);
  });

  it('rows of one file folded together (duplicates=update) keep the blind index of the value that won', async () => {
    const rows = [['赵六', '13800000031', 'old@example.com', 'A', ''], ['赵六新', '13800000031', 'new@example.com', '', '']];
    expect((await upload(writeCsv([HEADER, ...rows]), 'mode=commit&duplicates=update')).json()).toMatchObject({ created: 1, updated: 1 });
    expect((await search('new@example.com'))[0]).toMatchObject({ name: '赵六新', level: 'A' });
    expect(await search('old@example.com')).toHaveLength(0);
    // A later file finds the folded customer by the e-mail that won.
    expect((await upload(writeCsv([HEADER, ['又一个', '', 'new@example.com', '', '']]), 'mode=commit&duplicates=skip')).json()).toMatchObject({ created: 0, skipped: 1 });
  });

  it('an XLSX file imports the same as the CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(HEADER);
    for (const row of [...GOOD, BAD]) sheet.addRow(row);
    workbook.addWorksheet('other').addRow(['ignored']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsx = (await upload(file, 'mode=commit', t.adminHeaders, XLSX_TYPE)).json();
    const names = (await t.db.query('SELECT name, level, source FROM customers ORDER BY id')).rows;
    await t.db.query('DELETE FROM customers');
    const csv = (await upload(writeCsv([HEADER, ...GOOD, BAD]), 'mode=commit')).json();
    const strip = ({ jobId: _j, errorReportId: _e, firstId: _f, lastId: _l, ...rest }: Record<string, unknown>) => rest;
    expect(strip(xlsx)).toEqual(strip(csv));
    expect((await t.db.query('SELECT name, level, source FROM customers ORDER BY id')).rows).toEqual(names);
  });

  it('an explicit mapping, permissions and field permissions apply', async () => {
    const csv = writeCsv([['Full', 'Cell', '备注'], ['赵六', '13800000077', 'x']]);
    const mapped = await upload(csv, `mode=commit&mapping=${encodeURIComponent(JSON.stringify({ Full: 'name', Cell: 'mobile' }))}`, t.adminHeaders, 'text/csv; charset=utf-8');
    expect(mapped.json()).toMatchObject({ created: 1 });
    const reader = await t.userWith('reader@test.local', {});
    expect((await upload(csv, 'mode=dry-run', reader)).statusCode).toBe(403);
    const creator = await t.userWith('creator@test.local', { create: true, readOnly: ['mobile'] });
    const res = await upload(writeCsv([HEADER, ...GOOD]), 'mode=commit', creator);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('permission.field_read_only');
    expect((await upload(writeCsv([HEADER, ...GOOD]), 'duplicates=update', creator)).statusCode).toBe(403);
    expect((await upload(csv, 'mapping=nope')).json().error.code).toBe('request.invalid');
    expect((await upload(csv, `mapping=${encodeURIComponent('{"Nope":"name"}')}`)).json().error.code).toBe('request.invalid');
    expect((await t.app.inject({ method: 'POST', url: '/api/imports/customers', headers: { ...t.adminHeaders, 'content-type': 'application/json' }, payload: {} })).statusCode).toBe(415);
    expect((await t.app.inject({ method: 'GET', url: `/api/imports/${mapped.json().jobId}/errors.csv`, headers: t.adminHeaders })).statusCode).toBe(404);
  });

  it(`imports ${(SPLIT_AT + 10_000).toLocaleString('en')} rows in one request (stored on two connections where the server allows two-phase commit)`, async () => {
    const n = SPLIT_AT + 10_000;
    const rows = Array.from({ length: n }, (_v, i) => [`客户${i}`, `139${String(i).padStart(8, '0')}`, `c${i}@example.com`, 'ABC'[i % 3]!, '搜索引擎']);
    const started = performance.now();
    const res = await upload(writeCsv([HEADER, ...rows]), 'mode=commit');
    const seconds = (performance.now() - started) / 1000;
    const body = res.json();
    expect(body).toMatchObject({ rows: n, created: n, invalid: 0 });
    // Speed is measured by the import benchmark (bench/), not asserted here: a loaded machine must not fail it.
    console.log(`import: ${n} rows in ${seconds.toFixed(2)} s = ${Math.round(n / seconds)} rows/s`);
    // Blind indexes of large files are computed on two worker threads and the rows stored on two
    // connections, half each: rows of both halves are there once, under the ids the job reports.
    expect((await search(`139${String(n - 1).padStart(8, '0')}`))[0].name).toBe(`客户${n - 1}`);
    expect((await search('13900000007'))[0].name).toBe('客户7');
    expect((await search('c3@example.com'))[0].name).toBe('客户3');
    expect((await search('c52345@example.com'))[0].name).toBe('客户52345');
    const stored = (await t.db.query<{ n: number; names: number; lo: number; hi: number }>('SELECT count(*)::int AS n, count(DISTINCT name)::int AS names, min(id)::int AS lo, max(id)::int AS hi FROM customers')).rows[0]!;
    expect(stored).toEqual({ n, names: n, lo: body.firstId, hi: body.lastId });
    expect((await t.db.query('SELECT 1 FROM pg_prepared_xacts WHERE database = current_database()')).rowCount).toBe(0);
    expect((await t.db.query('SELECT 1 FROM prepared_commits')).rowCount).toBe(0);
    // The event for the quality subscription carries the whole id range, and is there once.
    const events = await t.db.query<{ payload: { firstId: number; lastId: number; created: number } }>(`SELECT payload FROM outbox WHERE topic = 'customer.imported' AND aggregate_id = $1`, [String(body.jobId)]);
    expect(events.rows.map((r) => r.payload)).toMatchObject([{ firstId: body.firstId, lastId: body.lastId, created: n }]);
  }, 120_000);

  it('reports rows with an erased mobile or e-mail as invalid unless allowErased=true', async () => {
    const at = new Date('2026-05-01T00:00:00Z');
    await t.db.query('INSERT INTO erased_identifiers (type, salted_hash, erased_at) VALUES ($1, $2, $3), ($4, $5, $3)', [
      'mobile',
      erasedHash(t.keyring, 'mobile', '13800000001')!,
      at,
      'email',
      erasedHash(t.keyring, 'email', 'WANG@example.com')!,
    ]);
    try {
      const csv = writeCsv([HEADER, ...GOOD]);
      const refused = await upload(csv, 'mode=commit');
      expect(refused.statusCode, refused.body).toBe(200);
      expect(refused.json()).toMatchObject({ status: 'completed', rows: 3, valid: 1, invalid: 2, created: 1 });
      expect(refused.json().errors).toEqual([
        { row: 2, field: 'mobile', code: 'field.invalid_value', message: expect.stringContaining('previously erased (PIPL)') },
        { row: 4, field: 'email', code: 'field.invalid_value', message: expect.stringContaining('previously erased (PIPL)') },
      ]);
      expect(await count('customers')).toBe(1);
      await t.db.query('DELETE FROM customers');
      const allowed = await upload(csv, 'mode=commit&allowErased=true');
      expect(allowed.json()).toMatchObject({ status: 'completed', valid: 3, invalid: 0, created: 3 });
      expect(await count('customers')).toBe(3);
      // The two re-created people start withdrawn (source erasure); the third has no entry at all.
      const consent = await t.db.query<{ n: number; customers: number; sources: string[] }>(
        `SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers, array_agg(DISTINCT source) AS sources FROM consent_events WHERE status = 'withdrawn' AND channel = 'any'`,
      );
      expect(consent.rows[0]).toEqual({ n: 6, customers: 2, sources: ['erasure'] });
      // The CLI the same way: exit 1 with the rows refused, exit 0 with --allow-erased.
      await t.db.query('DELETE FROM customers');
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'relata-erased-'));
      const name = (await t.db.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
      const config = { ...loadConfig({}), databaseUrl: withDatabase(inject('pgAdminUrl'), name), masterKey: TEST_MASTER_KEY.toString('base64'), dataDir: dir };
      const csvFile = path.join(dir, 'customers.csv');
      await fs.writeFile(csvFile, csv);
      const quiet = silenceStdio();
      try {
        expect(await importCommand(config, ['customers', csvFile], { json: true })).toBe(1);
        expect(await count('customers')).toBe(1);
        await t.db.query('DELETE FROM customers');
        expect(await importCommand(config, ['customers', csvFile], { json: true, 'allow-erased': true })).toBe(0);
      } finally {
        quiet();
        await fs.rm(dir, { recursive: true, force: true });
      }
      expect(await count('customers')).toBe(3);
    } finally {
      await t.db.query('DELETE FROM erased_identifiers');
    }
  });
});
