import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consentStates } from '../consent/index.js';
import { erasedHash } from '../privacy/index.js';
import { writeCsv } from './csv.js';
import { CSV_TYPE } from './index.js';
import { findConsentColumns, readConsentCells } from './consent-columns.js';
import { createImportTestApp, type ImportTestApp } from './import-test-app.js';

describe('consent columns (pure)', () => {
  it('finds consent_<purpose>_<channel> headers in any case and spacing, and only those', () => {
    const headers = ['客户名称', 'consent_marketing_email', 'Consent Marketing SMS', 'consent-analytics-any', 'consent_marketing_fax', 'consent_newsletter_email', 'consent_sensitive_data_push'];
    expect(findConsentColumns(headers).map((c) => [c.index, c.purpose, c.channel])).toEqual([
      [1, 'marketing', 'email'],
      [2, 'marketing', 'sms'],
      [3, 'analytics', 'any'],
      [6, 'sensitive_data', 'push'],
    ]);
  });

  const columns = findConsentColumns(['x', 'consent_marketing_email']);
  it.each([
    ['yes', 'granted'],
    ['是', 'granted'],
    ['TRUE', 'granted'],
    ['1', 'granted'],
    ['同意', 'granted'],
    ['no', 'withdrawn'],
    ['否', 'withdrawn'],
    ['0', 'withdrawn'],
    ['撤回', 'withdrawn'],
  ])('%s → %s', (text, status) => {
    expect(readConsentCells(['x', text], 2, columns, 'en')).toEqual({ ok: true, cells: [{ purpose: 'marketing', channel: 'email', status, column: 'consent_marketing_email' }] });
  });
  it('records nothing for an empty cell and refuses anything else with the column', () => {
    expect(readConsentCells(['x', ' '], 2, columns, 'en')).toEqual({ ok: true, cells: [] });
    const bad = readConsentCells(['x', 'maybe'], 7, columns, 'en');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => [e.row, e.field, e.code])).toEqual([[7, 'consent_marketing_email', 'field.invalid_value']]);
  });
});

describe('customer import with consent columns (real database)', () => {
  let t: ImportTestApp;
  const upload = (rows: string[][], query: string) =>
    t.app.inject({ method: 'POST', url: `/api/imports/customers?${query}`, headers: { ...t.adminHeaders, 'content-type': CSV_TYPE }, payload: writeCsv(rows) });
  const idOf = async (name: string) => (await t.db.query<{ id: number }>('SELECT id FROM customers WHERE name = $1', [name])).rows[0]?.id;
  const ledger = async (id: number) => (await t.db.query('SELECT purpose, channel, status, source, evidence FROM consent_events WHERE customer_id = $1 ORDER BY id', [id])).rows;
  const allowed = async (id: number, channel: 'email' | 'sms') => (await consentStates(t.db, [id], 'marketing', channel)).get(id)?.allowed;
  const header = ['客户名称', '手机', 'consent_marketing_email', 'consent_marketing_sms'];

  beforeAll(async () => {
    t = await createImportTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.query('DELETE FROM customers');
  });

  it('records yes/no cells as import entries for created and updated rows; a bad cell is a row error; a dry run records nothing', async () => {
    const rows = [header, ['甲', '13900000001', 'yes', 'no'], ['乙', '13900000002', '', ''], ['丙', '13900000003', 'maybe', 'yes']];
    const dry = await upload(rows, 'mode=dry-run');
    expect(dry.json()).toMatchObject({ status: 'validated', valid: 2, invalid: 1 });
    expect(dry.json().errors).toEqual([expect.objectContaining({ row: 4, field: 'consent_marketing_email', code: 'field.invalid_value' })]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM consent_events')).rows[0]).toEqual({ n: 0 });

    const res = await upload(rows, `mode=commit&mapping=${encodeURIComponent(JSON.stringify({ 客户名称: 'name', 手机: 'mobile', consent_marketing_email: 'x' }))}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'completed', created: 2, invalid: 1 });
    const first = (await idOf('甲'))!;
    expect(await ledger(first)).toEqual([
      { purpose: 'marketing', channel: 'email', status: 'granted', source: 'import', evidence: { importJobId: body.jobId, column: 'consent_marketing_email' } },
      { purpose: 'marketing', channel: 'sms', status: 'withdrawn', source: 'import', evidence: { importJobId: body.jobId, column: 'consent_marketing_sms' } },
    ]);
    expect(await ledger((await idOf('乙'))!)).toEqual([]);
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'consent.record' AND record_id = $1`, [String(first)]);
    expect(audit.rows[0]).toEqual({ n: 2 });

    // duplicates=update records the new cells on the existing customer; skip records nothing.
    await upload([header, ['甲', '13900000001', '', 'yes']], 'mode=commit&duplicates=skip');
    expect(await allowed(first, 'sms')).toBe(false);
    await upload([header, ['甲', '13900000001', '', 'yes']], 'mode=commit&duplicates=update');
    expect(await allowed(first, 'sms')).toBe(true);
    expect(await allowed(first, 'email')).toBe(true);
  });

  it('a re-imported erased person stays withdrawn even when the file says yes', async () => {
    await t.db.query('INSERT INTO erased_identifiers (type, salted_hash, erased_at) VALUES ($1, $2, $3)', ['mobile', erasedHash(t.keyring, 'mobile', '13900000009')!, t.clock.now()]);
    try {
      const res = await upload([header, ['回来了', '+86 139-0000-0009', 'yes', 'yes']], 'mode=commit&allowErased=true');
      expect(res.json()).toMatchObject({ status: 'completed', created: 1 });
      const id = (await idOf('回来了'))!;
      expect((await ledger(id)).map((e) => `${e.purpose}/${e.channel}/${e.status}/${e.source}`)).toEqual([
        'marketing/email/granted/import',
        'marketing/sms/granted/import',
        'marketing/any/withdrawn/erasure',
        'analytics/any/withdrawn/erasure',
        'sensitive_data/any/withdrawn/erasure',
      ]);
      expect(await allowed(id, 'email')).toBe(false);
      expect(await allowed(id, 'sms')).toBe(false);
    } finally {
      await t.db.query('DELETE FROM erased_identifiers');
    }
  });
});
