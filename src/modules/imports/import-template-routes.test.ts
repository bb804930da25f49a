import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../../test/support/global-setup.js';
import { TEST_MASTER_KEY } from '../../../test/support/test-app.js';
import { importCommand } from '../../cli/import-command.js';
import { loadConfig } from '../../platform/config.js';
import { writeCsv } from './csv.js';
import { createImportTestApp, type ImportTestApp, silenceStdio } from './import-test-app.js';

describe('import templates (saved column mappings)', () => {
  let t: ImportTestApp;
  const send = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers = t.adminHeaders) => t.app.inject({ method, url, headers, payload: payload as object });
  const mapping = { 姓名: 'name', 电话: 'mobile', 客户等级: 'level' };

  beforeAll(async () => {
    t = await createImportTestApp();
  });
  afterAll(() => t.close());

  it('saves, lists per object, replaces by name and deletes — each write audited', async () => {
    const audits = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE object = 'import_template'`)).rows[0]!.n;
    const saved = await send('PUT', '/api/imports/templates', { object: 'customers', name: ' 门店登记表 ', mapping });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ object: 'customers', name: '门店登记表', mapping });
    const replaced = await send('PUT', '/api/imports/templates', { object: 'customers', name: '门店登记表', mapping: { ...mapping, 客户等级: 'source' } });
    expect(replaced.json().id).toBe(saved.json().id);
    await send('PUT', '/api/imports/templates', { object: 'orders', name: '天猫订单', mapping: { 订单号: 'externalId' } });
    const customers = (await send('GET', '/api/imports/templates?object=customers')).json().items;
    expect(customers).toHaveLength(1);
    expect(customers[0].mapping.客户等级).toBe('source');
    expect((await send('GET', '/api/imports/templates?object=orders')).json().items.map((x: { name: string }) => x.name)).toEqual(['天猫订单']);
    expect(await audits()).toBe(3);
    const gone = await send('DELETE', `/api/imports/templates/${saved.json().id}`);
    expect(gone.statusCode).toBe(204);
    expect((await send('GET', '/api/imports/templates?object=customers')).json().items).toEqual([]);
    expect(await audits()).toBe(4);
    expect((await send('DELETE', `/api/imports/templates/${saved.json().id}`)).statusCode).toBe(404);
  });

  it('bad input is a 400 naming the part at fault; nothing is stored', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_templates')).rows[0]!.n;
    const cases: [unknown, string][] = [
      [{ object: 'leads', name: 'x', mapping }, 'object'],
      [{ object: 'customers', name: '   ', mapping }, 'name'],
      [{ object: 'customers', name: 'x', mapping: {} }, 'mapping'],
      [{ object: 'customers', name: 'x', mapping: { 姓名: 7 } }, 'mapping.姓名'],
      [{ object: 'customers', name: 'x', mapping, extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await send('PUT', '/api/imports/templates', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field ?? '', JSON.stringify(body)).toContain(field);
    }
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_templates')).rows[0]!.n).toBe(before);
  });

  it('needs the right to import that object', async () => {
    const reader = await t.userWith('tpl-reader@test.local', {});
    expect((await send('GET', '/api/imports/templates?object=customers', undefined, reader)).statusCode).toBe(403);
    expect((await send('PUT', '/api/imports/templates', { object: 'orders', name: 'x', mapping }, reader)).statusCode).toBe(403);
    const creator = await t.userWith('tpl-creator@test.local', { create: true });
    expect((await send('PUT', '/api/imports/templates', { object: 'customers', name: '录入员模板', mapping }, creator)).statusCode).toBe(200);
    expect((await send('PUT', '/api/imports/templates', { object: 'orders', name: 'x', mapping }, creator)).statusCode).toBe(403);
  });

  it('relata import customers --template NAME imports with the saved mapping; an unknown name is a usage error', async () => {
    await send('PUT', '/api/imports/templates', { object: 'customers', name: '门店登记表', mapping });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'relata-template-'));
    const name = (await t.db.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    const config = { ...loadConfig({}), databaseUrl: withDatabase(inject('pgAdminUrl'), name), masterKey: TEST_MASTER_KEY.toString('base64'), dataDir: dir };
    const file = path.join(dir, 'store.csv');
    // Headers the suggestion would not recognise: only the template maps them.
    await fs.writeFile(file, writeCsv([['姓名', '电话', '客户等级'], ['模板客户', '13900001234', 'B']]));
    const quiet = silenceStdio();
    try {
      expect(await importCommand(config, ['customers', file], { template: '没有这个模板', json: true })).toBe(2);
      expect(await importCommand(config, ['customers', file], { template: '门店登记表', mapping: '{"姓名":"name"}' })).toBe(2);
      expect(await importCommand(config, ['customers', file], { template: '门店登记表', json: true })).toBe(0);
    } finally {
      quiet();
      await fs.rm(dir, { recursive: true, force: true });
    }
    const row = await t.db.query<{ level: string }>(`SELECT level FROM customers WHERE name = '模板客户'`);
    expect(row.rows).toEqual([{ level: 'B' }]);
  });
});
