import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerObject } from '../../modules/customers/index.js';
import { AppError } from '../errors/index.js';
import type { FieldDefinition, FieldType, FilterOperator, ObjectDefinition } from './field-definition.js';
import { escapeLike, type Filter, RecordQueryCompiler, type RowScope } from './record-query.js';

const custom = (key: string, type: FieldType, options: string[] = []): FieldDefinition => ({
  key: `cf_${key}`,
  column: `cf_${key}`,
  type,
  labelZh: key,
  labelEn: key,
  options: options.map((value) => ({ value, labelZh: value, labelEn: value })),
  required: false,
  system: false,
  custom: true,
});

const CUSTOM_FIELDS = [
  custom('count', 'number'),
  custom('budget', 'money'),
  custom('visit', 'datetime'),
  custom('tags', 'multiselect', ['a', 'b', 'c']),
  custom('vip', 'boolean'),
  custom('rep', 'user'),
  custom('dept', 'department'),
  custom('site', 'url'),
  custom('note', 'text'),
  custom('fax', 'phone'),
  custom('contact', 'email'),
];
const ALL_FIELDS = [...customerObject.systemFields, ...CUSTOM_FIELDS];

/** A recognisable stand-in for the keyed hash: the tests can see which value was indexed. */
const blindIndex = (field: string, value: string) => Buffer.from(`${field}|${value}`);
const bidx = blindIndex;
const ALL: RowScope = { owners: null, userId: 7 };

function compiler(fields: readonly FieldDefinition[] = ALL_FIELDS, object: ObjectDefinition = customerObject) {
  return new RecordQueryCompiler(object, fields, blindIndex);
}

function compile(filters: Filter[], q?: string, fields: readonly FieldDefinition[] = ALL_FIELDS) {
  const c = compiler(fields);
  const where = c.where({ filters, q }, ALL);
  return { where, params: c.parameters };
}

function filterSql(field: string, op: FilterOperator, value?: unknown, fields: readonly FieldDefinition[] = ALL_FIELDS) {
  const { where, params } = compile([{ field, op, value }], undefined, fields);
  expect(where.startsWith('TRUE AND ')).toBe(true);
  return { sql: where.slice('TRUE AND '.length), params };
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

const errorShape = (e: AppError) => ({ code: e.code, status: e.status, field: e.field, params: e.options.params, message: e.message });
const without = (...keys: string[]) => ALL_FIELDS.filter((f) => !keys.includes(f.key));

const MOBILE = '+8613812345678';

describe('RecordQueryCompiler: filters by type and operator', () => {
  const ID = '11010519491231002X';
  it.each<[string, FilterOperator, unknown, string, unknown[]]>([
    // text
    ['name', 'eq', '  Acme  ', 't.name = $1::text', ['Acme']],
    ['name', 'ne', 'Acme', 't.name IS DISTINCT FROM $1::text', ['Acme']],
    ['name', 'in', ['a', 'b'], 't.name = ANY($1::text[])', [['a', 'b']]],
    ['name', 'nin', ['a'], '(t.name IS NULL OR NOT t.name = ANY($1::text[]))', [['a']]],
    ['name', 'contains', '50%_off\\', 't.name ILIKE $1', ['%50\\%\\_off\\\\%']],
    ['name', 'startsWith', 'Ac_', 't.name LIKE $1', ['Ac\\_%']],
    ['name', 'isEmpty', undefined, 't.name IS NULL', []],
    ['name', 'isNotEmpty', 'ignored', 't.name IS NOT NULL', []],
    // number / money
    ['cf_count', 'eq', 5, 't.cf_count = $1::numeric', [5]],
    ['cf_count', 'gt', -1.5, 't.cf_count > $1::numeric', [-1.5]],
    ['cf_count', 'gte', 0, 't.cf_count >= $1::numeric', [0]],
    ['cf_count', 'lt', 1e12, 't.cf_count < $1::numeric', [1e12]],
    ['cf_count', 'lte', 7, 't.cf_count <= $1::numeric', [7]],
    ['cf_count', 'between', [1, 10], 't.cf_count BETWEEN $1::numeric AND $2::numeric', [1, 10]],
    ['cf_count', 'in', [1, 2], 't.cf_count = ANY($1::numeric[])', [[1, 2]]],
    ['cf_budget', 'eq', 12.34, 't.cf_budget = $1::numeric(16,2)', [12.34]],
    ['cf_budget', 'between', [0.01, 99.99], 't.cf_budget BETWEEN $1::numeric(16,2) AND $2::numeric(16,2)', [0.01, 99.99]],
    // date / datetime
    ['birthday', 'eq', '2000-02-29', 't.birthday = $1::date', ['2000-02-29']],
    ['birthday', 'between', ['2000-01-01', '2000-12-31'], 't.birthday BETWEEN $1::date AND $2::date', ['2000-01-01', '2000-12-31']],
    ['createdAt', 'gte', '2026-01-01T08:00:00+08:00', 't.created_at >= $1::timestamptz', [new Date('2026-01-01T00:00:00Z')]],
    ['cf_visit', 'lt', '2026-06-30T23:59:59.5Z', 't.cf_visit < $1::timestamptz', [new Date('2026-06-30T23:59:59.500Z')]],
    // select / multiselect
    ['level', 'eq', 'A', 't.level = $1::text', ['A']],
    ['level', 'in', ['A', 'C'], 't.level = ANY($1::text[])', [['A', 'C']]],
    ['level', 'nin', ['B'], '(t.level IS NULL OR NOT t.level = ANY($1::text[]))', [['B']]],
    ['cf_tags', 'contains', ['a', 'b'], 't.cf_tags @> $1::text[]', [['a', 'b']]],
    ['cf_tags', 'in', ['c'], 't.cf_tags && $1::text[]', [['c']]],
    ['cf_tags', 'nin', ['a'], '(t.cf_tags IS NULL OR NOT t.cf_tags && $1::text[])', [['a']]],
    ['cf_tags', 'isEmpty', undefined, 't.cf_tags IS NULL', []],
    // boolean
    ['cf_vip', 'eq', false, 't.cf_vip = $1::boolean', [false]],
    ['cf_vip', 'isNotEmpty', undefined, 't.cf_vip IS NOT NULL', []],
    // user / department
    ['ownerId', 'eq', 3, 't.owner_id = $1::bigint', [3]],
    ['ownerId', 'in', [1, 2], 't.owner_id = ANY($1::bigint[])', [[1, 2]]],
    ['cf_rep', 'ne', 9, 't.cf_rep IS DISTINCT FROM $1::bigint', [9]],
    ['cf_dept', 'nin', [4], '(t.cf_dept IS NULL OR NOT t.cf_dept = ANY($1::bigint[]))', [[4]]],
    // region
    ['regionCode', 'eq', '110000', 't.region_code = $1::text', ['110000']],
    ['regionCode', 'startsWith', '11', 't.region_code LIKE $1', ['11%']],
    ['regionCode', 'in', ['110000', '310000'], 't.region_code = ANY($1::text[])', [['110000', '310000']]],
    // url / phone / email (not sensitive)
    ['cf_site', 'startsWith', 'https://', 't.cf_site LIKE $1', ['https://%']],
    ['cf_fax', 'contains', '010', 't.cf_fax ILIKE $1', ['%010%']],
    ['cf_contact', 'eq', 'Sales@Example.CN', 't.cf_contact = $1::text', ['sales@example.cn']],
    // sensitive: blind index only, over the normalised value
    ['mobile', 'eq', '+86 138-1234-5678', 't.mobile_bidx = ANY($1::bytea[])', [[bidx('mobile', MOBILE)]]],
    ['mobile', 'in', ['008613812345678', '13900000000'], 't.mobile_bidx = ANY($1::bytea[])', [[bidx('mobile', MOBILE), bidx('mobile', '+8613900000000')]]],
    ['mobile', 'isEmpty', undefined, 't.mobile_enc IS NULL', []],
    ['email', 'eq', ' Li.Lei@Example.COM ', 't.email_bidx = ANY($1::bytea[])', [[bidx('email', 'li.lei@example.com')]]],
    ['email', 'isNotEmpty', undefined, 't.email_enc IS NOT NULL', []],
    ['idNumber', 'eq', ID.toLowerCase(), 't.id_number_bidx = ANY($1::bytea[])', [[bidx('idNumber', ID)]]],
  ])('%s %s %j → %s', (field, op, value, sql, params) => {
    expect(filterSql(field, op, value)).toEqual({ sql, params });
  });

  it('joins several conditions with AND and numbers parameters in order', () => {
    const { where, params } = compile(
      [
        { field: 'level', op: 'eq', value: 'A' },
        { field: 'cf_count', op: 'between', value: [1, 2] },
        { field: 'mobile', op: 'eq', value: '13812345678' },
      ],
      'acme',
    );
    expect(where).toBe(
      'TRUE AND t.level = $1::text AND t.cf_count BETWEEN $2::numeric AND $3::numeric AND t.mobile_bidx = ANY($4::bytea[])' +
        ' AND (t.name ILIKE $5 OR t.company ILIKE $6)',
    );
    expect(params).toEqual(['A', 1, 2, [bidx('mobile', MOBILE)], '%acme%', '%acme%']);
  });
});

describe('RecordQueryCompiler: row scope', () => {
  it('is TRUE with no parameter for scope 全部', () => {
    const c = compiler();
    expect(c.scope({ owners: null, userId: 1 })).toBe('TRUE');
    expect(c.parameters).toEqual([]);
  });

  it('is owners OR team membership (any access) for reads', () => {
    const c = compiler();
    expect(c.scope({ owners: [3, 4], userId: 9 })).toBe(
      '(t.owner_id = ANY($1::bigint[]) OR EXISTS (SELECT 1 FROM customer_team tm WHERE tm.customer_id = t.id AND tm.user_id = $2::bigint))',
    );
    expect(c.parameters).toEqual([[3, 4], 9]);
  });

  it('counts only write team members for writes', () => {
    const c = compiler();
    expect(c.scope({ owners: [3], userId: 9, teamAccess: 'write' })).toBe(
      "(t.owner_id = ANY($1::bigint[]) OR EXISTS (SELECT 1 FROM customer_team tm WHERE tm.customer_id = t.id AND tm.user_id = $2::bigint AND tm.access = 'write'))",
    );
  });

  it('is owners only for an object without team members', () => {
    const c = compiler(ALL_FIELDS, { ...customerObject, team: undefined, ownerColumn: 'owner_id' });
    expect(c.scope({ owners: [], userId: 9 })).toBe('(t.owner_id = ANY($1::bigint[]))');
    expect(c.parameters).toEqual([[]]);
  });

  it('puts the scope first, before any filter', () => {
    const c = compiler();
    const where = c.where({ filters: [{ field: 'level', op: 'eq', value: 'B' }] }, { owners: [5], userId: 5 });
    expect(where.startsWith('(t.owner_id = ANY($1::bigint[]) OR EXISTS')).toBe(true);
    expect(where.endsWith(' AND t.level = $3::text')).toBe(true);
    expect(c.parameters).toEqual([[5], 5, 'B']);
  });
});

describe('RecordQueryCompiler: keyword search', () => {
  it.each<[string, string, string, unknown[], readonly FieldDefinition[]]>([
    ['plain word: name and company only', 'Acme', '(t.name ILIKE $1 OR t.company ILIKE $2)', ['%Acme%', '%Acme%'], ALL_FIELDS],
    ['LIKE wildcards are escaped', '%_\\', '(t.name ILIKE $1 OR t.company ILIKE $2)', ['%\\%\\_\\\\%', '%\\%\\_\\\\%'], ALL_FIELDS],
    ['a mobile also matches the blind index of its normal form', '138 1234 5678', '(t.name ILIKE $1 OR t.company ILIKE $2 OR t.mobile_bidx = $3)', ['%138 1234 5678%', '%138 1234 5678%', bidx('mobile', MOBILE)], ALL_FIELDS],
    ['an e-mail also matches the e-mail blind index', 'A@B.cn', '(t.name ILIKE $1 OR t.company ILIKE $2 OR t.email_bidx = $3)', ['%A@B.cn%', '%A@B.cn%', bidx('email', 'a@b.cn')], ALL_FIELDS],
    ['hidden mobile is not searched (no oracle)', '13812345678', '(t.name ILIKE $1 OR t.company ILIKE $2)', ['%13812345678%', '%13812345678%'], without('mobile')],
    ['hidden e-mail is not searched', 'a@b.cn', '(t.name ILIKE $1 OR t.company ILIKE $2)', ['%a@b.cn%', '%a@b.cn%'], without('email')],
    ['only a visible sensitive field left', '13812345678', '(t.mobile_bidx = $1)', [bidx('mobile', MOBILE)], without('name', 'company', 'email')],
    ['nothing searchable visible: no row matches', 'Acme', 'FALSE', [], without('name', 'company', 'mobile', 'email')],
  ])('%s', (_name, q, sql, params, fields) => {
    const { where, params: actual } = compile([], q, fields);
    expect(where).toBe(`TRUE AND ${sql}`);
    expect(actual).toEqual(params);
  });

  it('ignores a blank keyword and trims it', () => {
    expect(compile([], '   ')).toEqual({ where: 'TRUE', params: [] });
    expect(compile([], '  Acme ').params).toEqual(['%Acme%', '%Acme%']);
  });

  it('cuts the LIKE pattern at 100 characters', () => {
    const { params } = compile([], 'x'.repeat(150));
    expect(params[0]).toBe(`%${'x'.repeat(100)}%`);
  });
});

describe('RecordQueryCompiler: sort', () => {
  it.each<[string | undefined, string]>([
    [undefined, 't.created_at DESC, t.id DESC'],
    ['name', 't.name ASC, t.id ASC'],
    ['-name', 't.name DESC, t.id DESC'],
    ['-cf_budget', 't.cf_budget DESC, t.id DESC'],
    ['birthday', 't.birthday ASC, t.id ASC'],
    ['id', 't.id ASC'],
    ['-id', 't.id DESC'],
  ])('%s → %s', (sort, sql) => {
    expect(compiler().orderBy(sort)).toBe(sql);
  });

  it.each<[string, string, string]>([
    ['mobile', 'field.not_sortable', 'mobile'],
    ['-email', 'field.not_sortable', 'email'],
    ['idNumber', 'field.not_sortable', 'idNumber'],
    ['cf_tags', 'field.not_sortable', 'cf_tags'],
    ['nope', 'field.unknown', 'nope'],
    ['-', 'field.unknown', ''],
    ['--name', 'field.unknown', '-name'],
    ['name DESC', 'field.unknown', 'name DESC'],
  ])('%s → %s', (sort, code, field) => {
    const e = thrown(() => compiler().orderBy(sort));
    expect({ code: e.code, field: e.field, params: e.options.params }).toEqual({ code, field, params: { field } });
  });

  it('a hidden field sorts like an unknown one, even when it would not be sortable anyway', () => {
    const hidden = thrown(() => compiler(without('mobile', 'level')).orderBy('mobile'));
    const unknown = thrown(() => compiler(without('mobile', 'level')).orderBy('mobilx'));
    expect(errorShape(hidden)).toEqual({ ...errorShape(unknown), field: 'mobile', params: { field: 'mobile' } });
    expect(errorShape(thrown(() => compiler(without('level')).orderBy('-level')))).toMatchObject({ code: 'field.unknown', field: 'level' });
  });

  // Regression (fixed in 66c0e49): the default sort used createdAt even when the caller could not see
  // it, so a plain list answered 400 field.unknown "createdAt". It now falls back to id, newest first.
  it('the default sort works for a caller who cannot see createdAt, newest first by id', () => {
    expect(compiler(without('createdAt')).orderBy(undefined)).toBe('t.id DESC');
    expect(thrown(() => compiler(without('createdAt')).orderBy('createdAt'))).toMatchObject({ code: 'field.unknown', field: 'createdAt' });
  });
});

describe('RecordQueryCompiler: errors', () => {
  it('reports an unknown field with the caller’s own key', () => {
    for (const key of ['nope', 'Name', 'name ', 'cf_', 't.name', "name'; DROP TABLE customers; --", '__proto__', 'toString', '']) {
      const e = thrown(() => compile([{ field: key, op: 'eq', value: 'x' }]));
      expect({ code: e.code, status: e.status, field: e.field, params: e.options.params }).toEqual({ code: 'field.unknown', status: 400, field: key, params: { field: key } });
    }
  });

  it('reports a hidden field exactly like one that does not exist, whatever the operator and value', () => {
    const fields = without('mobile', 'cf_budget', 'level');
    for (const [key, op, value] of [
      ['mobile', 'eq', '13812345678'],
      ['mobile', 'contains', 'x'],
      ['mobile', 'bogus', null],
      ['cf_budget', 'gt', 'not a number'],
      ['level', 'isEmpty', undefined],
    ] as const) {
      const hidden = thrown(() => compile([{ field: key, op: op as FilterOperator, value }], undefined, fields));
      const absent = thrown(() => compile([{ field: `${key}_absent`, op: op as FilterOperator, value }], undefined, fields));
      expect(errorShape(hidden)).toEqual({ ...errorShape(absent), field: key, params: { field: key } });
    }
  });

  it.each<[string, string]>([
    ['name', 'gt'],
    ['name', 'between'],
    ['mobile', 'contains'],
    ['mobile', 'ne'],
    ['mobile', 'nin'],
    ['mobile', 'startsWith'],
    ['email', 'gt'],
    ['cf_tags', 'eq'],
    ['cf_tags', 'ne'],
    ['cf_tags', 'gt'],
    ['cf_vip', 'ne'],
    ['cf_vip', 'in'],
    ['level', 'contains'],
    ['level', 'gt'],
    ['regionCode', 'contains'],
    ['regionCode', 'lt'],
    ['cf_rep', 'gt'],
    ['birthday', 'contains'],
    ['cf_count', 'startsWith'],
    ['name', 'DROP TABLE customers'],
    ['name', 'constructor'],
    ['name', ''],
  ])('operator %s %s → field.invalid_operator', (field, op) => {
    const e = thrown(() => compile([{ field, op: op as FilterOperator, value: 'x' }]));
    expect({ code: e.code, field: e.field, params: e.options.params }).toEqual({ code: 'field.invalid_operator', field, params: { field, op } });
  });

  it.each<[string, FilterOperator, unknown]>([
    ['cf_count', 'eq', 'abc'],
    ['cf_count', 'eq', '5'],
    ['cf_count', 'eq', null],
    ['cf_count', 'gt', undefined],
    ['cf_count', 'eq', 1e13],
    ['cf_budget', 'eq', 0.001],
    ['birthday', 'eq', '2026-02-30'],
    ['birthday', 'gt', '2026-1-1'],
    ['createdAt', 'gt', '2026-01-01T00:00:00'],
    ['createdAt', 'gt', '2026-01-01'],
    ['level', 'eq', 'Z'],
    ['level', 'eq', ''],
    ['level', 'in', ['A', 'Z']],
    ['cf_tags', 'in', ['z']],
    ['cf_tags', 'contains', 'a'],
    ['cf_vip', 'eq', 'true'],
    ['cf_vip', 'eq', 1],
    ['ownerId', 'eq', 0],
    ['ownerId', 'eq', '3'],
    ['ownerId', 'in', [1, 2.5]],
    ['regionCode', 'eq', '11000'],
    ['regionCode', 'startsWith', '11a'],
    ['regionCode', 'startsWith', '1100000'],
    ['mobile', 'eq', '12812345678'],
    ['mobile', 'in', ['13812345678', '1381234567']],
    ['email', 'eq', 'not-an-email'],
    ['idNumber', 'eq', '110105194912310021'],
    ['name', 'eq', 'a\u0000b'],
    ['name', 'eq', 42],
    ['name', 'contains', ''],
    ['name', 'contains', 5],
    ['name', 'contains', 'x'.repeat(201)],
    ['name', 'startsWith', null],
    ['name', 'in', []],
    ['name', 'in', 'a'],
    ['name', 'nin', {}],
    ['cf_count', 'between', [1]],
    ['cf_count', 'between', [1, 2, 3]],
    ['cf_count', 'between', '1,2'],
    ['cf_count', 'between', [1, 'x']],
  ])('%s %s %j → field.invalid_value naming the field', (field, op, value) => {
    const e = thrown(() => compile([{ field, op, value }]));
    expect(e.code).toBe('field.invalid_value');
    expect(e.status).toBe(400);
    expect(e.field).toBe(field);
  });

  it('accepts lists up to 1000 values and refuses 1001', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(filterSql('ownerId', 'in', ids).params).toEqual([ids]);
    expect(thrown(() => compile([{ field: 'ownerId', op: 'in', value: [...ids, 1001] }])).code).toBe('field.invalid_value');
    expect(thrown(() => compile([{ field: 'mobile', op: 'in', value: Array(1001).fill('13812345678') }])).code).toBe('field.invalid_value');
  });

  it('accepts a contains text of 200 characters and refuses 201', () => {
    expect(filterSql('name', 'contains', 'x'.repeat(200)).params).toEqual([`%${'x'.repeat(200)}%`]);
    expect(thrown(() => compile([{ field: 'name', op: 'contains', value: 'x'.repeat(201) }])).code).toBe('field.invalid_value');
  });
});

describe('RecordQueryCompiler: values never reach the SQL text', () => {
  const DANGEROUS = ["'; DROP TABLE customers; --", "' OR '1'='1", '%', '_', '\\', '\\%', '"; SELECT pg_sleep(10); --', '$1', '/* */', 'a\'b"c', ') OR TRUE --'];
  const TEXT_OPS: FilterOperator[] = ['eq', 'ne', 'contains', 'startsWith'];
  const BENIGN: Record<string, string> = { cf_site: 'https://x.cn', cf_contact: 'a@b.cn', cf_fax: '010 1234' };

  /** Compiles one condition on a text-like field with the given value, or reports the AppError. */
  function attempt(field: string, op: FilterOperator, value: unknown, q?: string) {
    try {
      const c = compiler();
      const where = c.where({ filters: [{ field, op, value }], q }, { owners: [1], userId: 1 });
      return { sql: `${where} ORDER BY ${c.orderBy(undefined)}`, params: c.parameters };
    } catch (error) {
      if (error instanceof AppError) return { error: error.code };
      throw error;
    }
  }

  it.each(DANGEROUS)('%j is only ever a parameter', (text) => {
    let compiled = 0;
    for (const [field, op, value] of [
      ['name', 'eq', text],
      ['name', 'contains', text],
      ['name', 'startsWith', text],
      ['name', 'in', [text, 'x']],
      ['company', 'nin', [text]],
      ['cf_note', 'ne', text],
      ['cf_site', 'contains', text],
    ] as const) {
      const result = attempt(field, op, value, text);
      if ('error' in result) continue;
      const benign = attempt(field, op, Array.isArray(value) ? value.map(() => 'x') : (BENIGN[field] ?? 'x'), 'x');
      if ('error' in benign) throw new Error(`benign value rejected for ${field} ${op}`);
      expect(result.sql).toBe(benign.sql);
      // No quote, statement separator, comment, LIKE wildcard or escape character is ever in the text.
      expect(result.sql).not.toMatch(/['";%\\]|--|\/\*/);
      if (!/^[_$\d]+$/.test(text)) expect(result.sql).not.toContain(text);
      compiled += 1;
      // …and it did reach the database, as a parameter (raw, trimmed, or LIKE-escaped).
      const params = JSON.stringify(result.params);
      expect([text, text.trim(), escapeLike(text)].some((form) => params.includes(JSON.stringify(form).slice(1, -1)))).toBe(true);
    }
    expect(compiled).toBeGreaterThanOrEqual(5);
    expect(attempt('name', 'contains', text, text)).toHaveProperty('params');
  });

  it('the SQL text depends only on field and operator, never on the value or keyword (property)', () => {
    const fieldArb = fc.constantFrom('name', 'company', 'cf_note', 'cf_site', 'cf_fax', 'cf_contact');
    const valueArb = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...DANGEROUS), fc.string({ unit: 'grapheme' }).map((s) => `${s}'--%_\\`));
    fc.assert(
      fc.property(fieldArb, fc.constantFrom(...TEXT_OPS), valueArb, valueArb, (field, op, value, q) => {
        const probe = attempt(field, op, value, q);
        if ('error' in probe) return;
        const benign = attempt(field, op, BENIGN[field] ?? 'x', q.trim() ? 'x' : '');
        if ('error' in benign) throw new Error(`benign value rejected for ${field} ${op}`);
        // The keyword may add a blind-index clause when it happens to be a mobile or e-mail; compare the prefix.
        const stem = (sql: string) => sql.replace(/ OR t\.(mobile|email)_bidx = \$\d+/g, '');
        expect(stem(probe.sql)).toBe(stem(benign.sql));
        for (const s of [value, q]) if (s.length >= 2 && /['";\\%_]/.test(s)) expect(probe.sql).not.toContain(s);
      }),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('arbitrary field keys and operators either compile from the catalogue or fail with a field error (property)', () => {
    const known = ALL_FIELDS.map((f) => f.key);
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...known), fc.string()), fc.oneof(fc.constantFrom<string>('eq', 'in', 'contains', 'gt', 'isEmpty'), fc.string()), fc.jsonValue(), (field, op, value) => {
        const result = attempt(field, op as FilterOperator, value);
        if ('error' in result) {
          expect(['field.unknown', 'field.invalid_operator', 'field.invalid_value']).toContain(result.error);
          return;
        }
        // Only catalogue keys compile, and then the SQL names the catalogue's column, not the input.
        const definition = ALL_FIELDS.find((f) => f.key === field);
        expect(definition).toBeDefined();
        expect(result.sql).toMatch(new RegExp(`t\\.${definition!.column}(_enc|_bidx)? `));
      }),
      { seed: 99, numRuns: 200 },
    );
  });
});
