import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, inject } from 'vitest';
import { withDatabase } from '../../../test/support/global-setup.js';
import { ADMIN_EMAIL, TEST_MASTER_KEY } from '../../../test/support/test-app.js';
import { importCommand } from '../../cli/import-command.js';
import { loadConfig } from '../../platform/config.js';
import { loadAccessContext } from '../../platform/permissions/index.js';
import { parseCsv, writeCsv } from './csv.js';
import { CSV_TYPE } from './index.js';
import { createImportTestApp, type ImportTestApp, silenceStdio } from './import-test-app.js';
import { refreshImportedTraits } from './object-import-outcome.js';
import { OrderImportService } from './order-import-service.js';

const HEADER = ['订单号', '手机', '客户ID', '下单时间', '状态', '渠道', '商品编码', '商品名称', '数量', '单价', '订单金额'];

describe('order import', () => {
  let t: ImportTestApp;
  let zhang: number;
  let li: number;
  const upload = (body: string, query: string, headers = t.adminHeaders) =>
    t.app.inject({ method: 'POST', url: `/api/imports/orders?${query}`, headers: { ...headers, 'content-type': CSV_TYPE }, payload: body });
  const count = async (table: string, where = 'TRUE') => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0]!.n;
  const createCustomer = async (name: string, mobile: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name, mobile } });
    expect(res.statusCode, res.body).toBe(201);
    return Number(res.json().id);
  };
  const file = () =>
    writeCsv([
      HEADER,
      ['A-1', '138 0000 0001', '', '2026-05-01 10:00', '已支付', '天猫', 'SKU-1', '茶杯', '2', '19.90', '49.80'],
      ['A-1', '13800000001', '', '2026-05-01 10:00', '已支付', '天猫', 'SKU-2', '茶叶', '1', '10', '49.80'],
      ['A-2', '', String(li), '2026/5/2', 'refunded', '门店', 'SKU-3', '茶壶', '1.5', '100.01', ''],
    ]);

  beforeAll(async () => {
    t = await createImportTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    for (const table of ['order_lines', 'order_keys', 'orders', 'customers']) await t.db.query(`DELETE FROM ${table}`);
    zhang = await createCustomer('张三', '13800000001');
    li = await createCustomer('李四', '13800000002');
  });

  it('the traits refresh after an import covers every customer when its chunks run two at a time', async () => {
    const ids = [zhang, li];
    for (let i = 3; i <= 9; i++) ids.push(await createCustomer(`客户${i}`, `1380000000${i}`));
    await t.db.query(
      `INSERT INTO orders (customer_id, order_no, amount, status, channel, ordered_at, created_at, updated_at)
       SELECT id, 'T-' || id || '-' || g, 10 * g, 'paid', 'import', $1::timestamptz - g * interval '1 day', $1, $1 FROM customers, generate_series(1, 2) g WHERE id = ANY($2)`,
      [t.clock.now(), ids],
    );
    await t.db.query('DELETE FROM customer_traits WHERE customer_id = ANY($1)', [ids]);
    const progress: number[] = [];
    await refreshImportedTraits(t.deps, ids, (p) => progress.push(p.done), 2);
    const traits = await t.db.query<{ n: number; total: string }>('SELECT count(*)::int AS n, sum(order_total)::text AS total FROM customer_traits WHERE customer_id = ANY($1) AND order_count = 2', [ids]);
    expect(traits.rows[0]).toEqual({ n: 9, total: '270.00' });
    expect(progress).toHaveLength(5);
    expect(progress.at(-1)).toBe(9);
    expect(progress.every((d, i) => i === 0 || d > progress[i - 1]!)).toBe(true);
  });

  it('commit stores orders with their lines, one audit entry, one outbox event, and refreshes traits', async () => {
    const audits = await count('audit_log', `action = 'order.import'`);
    const res = await upload(file(), 'mode=commit&fileName=orders.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', rows: 3, valid: 3, invalid: 0, created: 3, skipped: 0, ordersCreated: 2, ordersSkipped: 0, errors: [] });
    expect(res.json().mapping).toMatchObject({ 订单号: 'externalId', 手机: 'mobile', 客户ID: 'customerId', 下单时间: 'orderedAt', 单价: 'unitPrice' });
    const orders = await t.db.query(`SELECT customer_id::int, external_id, source, amount::text, status, channel, refunded_amount::text, ordered_at FROM orders ORDER BY external_id`);
    expect(orders.rows).toEqual([
      { customer_id: zhang, external_id: 'A-1', source: 'import', amount: '49.80', status: 'paid', channel: '天猫', refunded_amount: '0.00', ordered_at: new Date('2026-05-01T02:00:00Z') },
      { customer_id: li, external_id: 'A-2', source: 'import', amount: '150.02', status: 'refunded', channel: '门店', refunded_amount: '150.02', ordered_at: new Date('2026-05-01T16:00:00Z') },
    ]);
    const lines = await t.db.query(`SELECT line_no, sku, quantity::text, unit_price::text, amount::text FROM order_lines ORDER BY order_id, line_no`);
    expect(lines.rows.map((r) => Object.values(r).join(' '))).toEqual(['1 SKU-1 2.000 19.90 39.80', '2 SKU-2 1.000 10.00 10.00', '1 SKU-3 1.500 100.01 150.02']);
    expect(await count('audit_log', `action = 'order.import'`)).toBe(audits + 1);
    expect(await count('outbox', `topic = 'orders.imported'`)).toBeGreaterThan(0);
    const traits = await t.db.query<{ order_count: number }>('SELECT order_count FROM customer_traits WHERE customer_id = $1', [zhang]);
    expect(traits.rows[0]?.order_count).toBe(1);
  });

  it('a re-import skips orders already imported (source + externalId)', async () => {
    expect((await upload(file(), 'mode=commit')).json()).toMatchObject({ ordersCreated: 2 });
    const again = await upload(file(), 'mode=commit');
    expect(again.json()).toMatchObject({ status: 'completed', valid: 3, created: 0, skipped: 3, ordersCreated: 0, ordersSkipped: 2 });
    expect(await count('orders')).toBe(2);
    expect(await count('order_lines')).toBe(3);
  });

  it('a key a concurrent writer claims while the import runs makes that order skipped, not doubled', async () => {
    // A writer holds A-1's key uncommitted: the import stages A-1 as new, then its claim waits on
    // that key, falls short when the writer commits, and A-1 turns skipped; A-2 is stored.
    const writer = await t.db.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`INSERT INTO order_keys (source, external_id, customer_id, order_id, created_at) VALUES ('import', 'A-1', $1, 0, now())`, [zhang]);
      const pending = upload(file(), 'mode=commit');
      const blocked = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO order_keys%'`)).rows[0]!.n;
      for (let i = 0; i < 200 && (await blocked()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await blocked()).toBe(1);
      await writer.query('COMMIT');
      const res = await pending;
      expect(res.json()).toMatchObject({ status: 'completed', ordersCreated: 1, ordersSkipped: 1, created: 1, skipped: 2 });
    } finally {
      writer.release();
    }
    expect((await t.db.query(`SELECT external_id FROM orders`)).rows).toEqual([{ external_id: 'A-2' }]);
    expect(await count('order_lines')).toBe(1);
    expect((await t.db.query(`SELECT external_id, order_id::int FROM order_keys ORDER BY 1`)).rows.map((r) => `${r.external_id}:${r.order_id === 0}`)).toEqual(['A-1:true', 'A-2:false']);
  });

  it('an order whose lines lie apart in the file is stored as when they are together; lines that disagree refuse their order either way', async () => {
    const rows = [
      ['C-1', '', String(zhang), '2026-05-01', '', '', 'S1', '甲', '1', '10', ''],
      ['C-2', '', String(li), '2026-05-01', '', '门店', 'S2', '乙', '2', '10', '20.00'],
      ['C-3', '', String(zhang), '2026-05-01', '', '', 'S4', '丁', '1', '1', ''],
      ['C-1', '', String(zhang), '2026-05-01', '', '', 'S3', '丙', '1', '2.5', '12.50'],
      ['C-3', '', String(zhang), '2026-05-02', '', '', 'S5', '戊', '1', '1', ''],
    ];
    const state = async () => ({
      orders: (await t.db.query(`SELECT external_id, customer_id::int, amount::text, channel FROM orders ORDER BY 1`)).rows,
      lines: (await t.db.query(`SELECT o.external_id, l.line_no, l.sku FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY 1, 2`)).rows,
    });
    const apart = await upload(writeCsv([HEADER, ...rows]), 'mode=commit');
    expect(apart.json()).toMatchObject({ status: 'completed', rows: 5, valid: 3, invalid: 2, ordersCreated: 2 });
    expect(apart.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['4:externalId', '6:externalId']);
    const stored = await state();
    expect(stored).toEqual({
      orders: [{ external_id: 'C-1', customer_id: zhang, amount: '12.50', channel: 'import' }, { external_id: 'C-2', customer_id: li, amount: '20.00', channel: '门店' }],
      lines: [{ external_id: 'C-1', line_no: 1, sku: 'S1' }, { external_id: 'C-1', line_no: 2, sku: 'S3' }, { external_id: 'C-2', line_no: 1, sku: 'S2' }],
    });
    for (const table of ['order_lines', 'order_keys', 'orders']) await t.db.query(`DELETE FROM ${table}`);
    const together = await upload(writeCsv([HEADER, rows[0]!, rows[3]!, rows[1]!, rows[2]!, rows[4]!]), 'mode=commit');
    expect(together.json()).toMatchObject({ status: 'completed', rows: 5, valid: 3, invalid: 2, ordersCreated: 2 });
    expect(together.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['5:externalId', '6:externalId']);
    expect(await state()).toEqual(stored);
  });

  it('a file split over two connections (where the server allows two-phase commit) stores what one connection stores, lines apart or together', async () => {
    const admin = (await t.db.query<{ id: number; name: string }>('SELECT id, name FROM users WHERE email = $1', [ADMIN_EMAIL])).rows[0]!;
    const roleIds = (await t.db.query<{ role_id: number }>('SELECT role_id FROM user_roles WHERE user_id = $1', [admin.id])).rows.map((r) => r.role_id);
    const ctx = { access: await loadAccessContext(t.db, { type: 'user', userId: admin.id, name: admin.name, roleIds }), ip: 'test', requestId: 'split-test' };
    // ~4,000 orders: several read batches, so both connections get whole orders; a few refused.
    // Even orders have two lines (30.00), odd ones one (10.00); a declared 30.00 on every 7th refuses
    // the odd ones among them (286), and order 1234's lines disagree on the date.
    const rows: string[][] = [];
    const seconds: string[][] = [];
    for (let o = 0; o < 4000; o++) {
      const customer = String(o % 3 === 0 ? li : zhang);
      rows.push([`S-${o}`, '', customer, '2026-05-01', '', '', 'SKU-A', '甲', '1', '10', o % 7 === 0 ? '30.00' : '']);
      if (o % 2 === 0) {
        seconds.push([`S-${o}`, '', customer, o === 1234 ? '2026-05-02' : '2026-05-01', '', '', 'SKU-B', '乙', '2', '10', '']);
        rows.push(seconds.at(-1)!);
      }
    }
    const state = async () => ({
      orders: (await t.db.query(`SELECT external_id, customer_id::int, amount::text FROM orders ORDER BY 1`)).rows,
      lines: (await t.db.query(`SELECT o.external_id, l.line_no, l.sku FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY 1, 2`)).rows,
      traits: (await t.db.query(`SELECT customer_id::int, order_count FROM customer_traits WHERE customer_id = ANY($1) ORDER BY 1`, [[zhang, li]])).rows,
    });
    const run = async (service: OrderImportService, lines: string[][]) => {
      for (const table of ['order_lines', 'order_keys', 'orders']) await t.db.query(`DELETE FROM ${table}`);
      const outbox = await count('outbox', `topic = 'orders.imported'`);
      const result = await service.run(ctx, { input: Buffer.from(writeCsv([HEADER, ...lines])), format: 'csv', mode: 'commit', locale: 'en' });
      expect(await count('outbox', `topic = 'orders.imported'`)).toBe(outbox + 1);
      expect((await t.db.query('SELECT count(*)::int AS n FROM pg_prepared_xacts')).rows[0]).toEqual({ n: 0 });
      expect((await t.db.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'order_import%' OR relname LIKE 'import_ref%'`)).rows[0]).toEqual({ n: 0 });
      return { result: { ...result, errorReportId: null, jobId: null }, state: await state() };
    };
    const one = await run(new OrderImportService(t.deps, { splitAtBytes: Number.MAX_SAFE_INTEGER }), rows);
    expect(one.result).toMatchObject({ status: 'completed', ordersCreated: 4000 - 287, invalid: 286 + 2 });
    const two = await run(new OrderImportService(t.deps, { splitAtBytes: 0 }), rows);
    expect(two).toEqual(one);
    // The same lines with every order's second line moved to the end: grouped by SQL on one connection.
    const second = new Set(seconds);
    const apart = [...rows.filter((r) => !second.has(r)), ...seconds];
    const moved = await run(new OrderImportService(t.deps, { splitAtBytes: 0 }), apart);
    expect(moved.state).toEqual(one.state);
    expect(moved.result).toMatchObject({ ordersCreated: one.result.ordersCreated, invalid: one.result.invalid, created: one.result.created });
  });

  it('unknown customers, bad money and disagreeing lines are row errors; the rest is stored', async () => {
    const csv = writeCsv([
      HEADER,
      ['B-1', '13900000000', '', '2026-05-01', '', '', 'S', '未知客户', '1', '1', ''],
      ['B-2', '', String(zhang), '2026-05-01', '', '', 'S', '多位小数', '1', '1.005', ''],
      ['B-3', '', String(zhang), '2026-05-01', '', '', 'S', '金额不符', '1', '10', '12.00'],
      ['B-4', '', String(zhang), '2026-05-01', '', '', 'S', '好的', '1', '10', '10.01'],
      ['B-5', '', String(zhang), '2026-05-01', '', '', 'S', 'ok', '1', '1', ''],
      ['B-5', '', String(zhang), '2026-05-01', '', '', 'S', 'bad qty', '0', '1', ''],
    ]);
    const res = await upload(csv, 'mode=commit');
    expect(res.json()).toMatchObject({ status: 'completed', rows: 6, valid: 1, invalid: 5, ordersCreated: 1 });
    expect(res.json().errors.map((e: { row: number; field: string; code: string }) => `${e.row}:${e.field}:${e.code}`)).toEqual([
      '2:customer:record.not_found', '3:unitPrice:field.invalid_value', '4:amount:field.invalid_value', '6:externalId:field.invalid_value', '7:quantity:field.invalid_value',
    ]);
    expect((await t.db.query('SELECT external_id, amount::text FROM orders')).rows).toEqual([{ external_id: 'B-4', amount: '10.01' }]);
    const report = await t.app.inject({ method: 'GET', url: `/api/imports/${res.json().errorReportId}/errors.csv`, headers: t.adminHeaders });
    // Lines refused in SQL (rows 2, 4, 6) are read again for their cells: the report has them as sent.
    const reported = parseCsv(report.body).slice(1).map((r) => r.slice(0, HEADER.length + 1).join('|'));
    expect(reported).toEqual([
      ['B-1', '13900000000', '', '2026-05-01', '', '', 'S', '未知客户', '1', '1', '', '2'],
      ['B-2', '', String(zhang), '2026-05-01', '', '', 'S', '多位小数', '1', '1.005', '', '3'],
      ['B-3', '', String(zhang), '2026-05-01', '', '', 'S', '金额不符', '1', '10', '12.00', '4'],
      ['B-5', '', String(zhang), '2026-05-01', '', '', 'S', 'ok', '1', '1', '', '6'],
      ['B-5', '', String(zhang), '2026-05-01', '', '', 'S', 'bad qty', '0', '1', '', '7'],
    ].map((r) => r.join('|')));
  });

  it('a cell with a NUL character refuses its order (PostgreSQL text cannot hold it), not the import', async () => {
    const csv = writeCsv([
      HEADER,
      ['N-1', '', String(zhang), '2026-05-01', '', '', 'S1', '茶\u0000杯', '1', '1', ''],
      ['N-1', '', String(zhang), '2026-05-01', '', '', 'S2', '茶叶', '1', '1', ''],
      ['N-2', '', String(zhang), '2026-05-01', '', '', 'S3', '茶壶', '1', '1', ''],
    ]);
    const res = await upload(csv, 'mode=commit');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', rows: 3, valid: 1, invalid: 2, ordersCreated: 1 });
    expect(res.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['2:productName', '3:externalId']);
    expect((await t.db.query('SELECT external_id FROM orders')).rows).toEqual([{ external_id: 'N-2' }]);
  });

  it('dry run and strict store nothing', async () => {
    const bad = `${file()}C-1,,999999,2026-05-01,,,S,x,1,1,\r\n`;
    const dry = await upload(bad, 'mode=dry-run');
    expect(dry.json()).toMatchObject({ status: 'validated', rows: 4, valid: 3, invalid: 1, created: 3, ordersCreated: 2 });
    const strict = await upload(bad, 'mode=commit&strict=true');
    expect(strict.json()).toMatchObject({ status: 'rejected', invalid: 1, created: 0, ordersCreated: 0 });
    expect(await count('orders')).toBe(0);
    expect(await count('order_keys')).toBe(0);
  });

  it('needs update on customers (403); customers outside the write scope are row errors', async () => {
    const reader = await t.userWith('reader@test.local', { create: true });
    expect((await upload(file(), 'mode=commit', reader)).statusCode).toBe(403);
    const scoped = await t.userWith('scoped@test.local', { update: true });
    const res = await upload(file(), 'mode=commit', scoped);
    expect(res.json()).toMatchObject({ valid: 0, invalid: 3 });
    expect(res.json().errors.every((e: { code: string }) => e.code === 'record.not_found')).toBe(true);
    expect(await count('orders')).toBe(0);
  });

  it('a bad mapping fails the request', async () => {
    const res = await upload(file(), `mode=dry-run&mapping=${encodeURIComponent(JSON.stringify({ 订单号: 'externalId', 手机: 'nope' }))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('field.unknown');
  });

  it('relata import orders: exit 0 all valid, 1 some invalid, 2 usage', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'relata-orders-'));
    const name = (await t.db.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    const config = { ...loadConfig({}), databaseUrl: withDatabase(inject('pgAdminUrl'), name), masterKey: TEST_MASTER_KEY.toString('base64'), dataDir: dir };
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'bad.csv');
    const report = path.join(dir, 'errors.csv');
    await fs.writeFile(good, file());
    // A quoted cell with a line break and a blank line before the refused row: the file is read again
    // for the report and must number its rows the same way.
    await fs.writeFile(bad, `${file()}\r\nC-0,,${zhang},2026-05-01,,,S,"多行\n名称",1,1,\r\nC-1,,999999,2026-05-01,,,S,x,1,1,\r\n`);
    const quiet = silenceStdio();
    try {
      expect(await importCommand(config, ['orders', good], { 'dry-run': true, json: true })).toBe(0);
      expect(await importCommand(config, ['orders', bad], { json: true, 'error-report': report })).toBe(1);
      const rows = parseCsv(await fs.readFile(report, 'utf8'));
      expect(rows.slice(1).map((r) => r.slice(0, HEADER.length + 1))).toEqual([['C-1', '', '999999', '2026-05-01', '', '', 'S', 'x', '1', '1', '', '6']]);
      expect(await importCommand(config, ['orders'], {})).toBe(2);
      expect(await importCommand(config, ['orders', path.join(dir, 'x.txt')], {})).toBe(2);
    } finally {
      quiet();
      await fs.rm(dir, { recursive: true, force: true });
    }
    expect(await count('orders')).toBe(3);
  });
});

