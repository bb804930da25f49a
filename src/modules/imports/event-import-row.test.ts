import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, EVENT_CUSTOMER_KEYS, parseProperties, validateEventRow } from './event-import-row.js';
import { resolveImportColumns, suggestColumns } from './import-columns.js';

const HEADERS = ['手机', '匿名ID', '事件', '类型', '发生时间', '属性', '消息ID'];
const columns = resolveImportColumns(HEADERS, suggestColumns(HEADERS, EVENT_COLUMNS), EVENT_COLUMNS, EVENT_CUSTOMER_KEYS);
const row = (patch: Partial<Record<string, string>>) => {
  const base: Record<string, string> = { 手机: '13800000001', 匿名ID: '', 事件: 'Product Viewed', 类型: '', 发生时间: '2026-01-02 10:30', 属性: '{"sku":"S1"}', 消息ID: '' };
  return HEADERS.map((h) => patch[h] ?? base[h]!);
};
const fields = (r: ReturnType<typeof validateEventRow>) => (Array.isArray(r) ? r.map((e) => `${e.field}:${e.code}`) : []);

describe('validateEventRow', () => {
  it.each<[string, Partial<Record<string, string>>, string[]]>([
    ['valid', {}, []],
    ['page type, any case', { 类型: 'PAGE' }, []],
    ['anonymous id only', { 手机: '', 匿名ID: 'anon-1' }, []],
    ['no properties', { 属性: '' }, []],
    ['bad JSON', { 属性: '{sku:1' }, ['properties:field.invalid_value']],
    ['JSON array', { 属性: '[1,2]' }, ['properties:field.invalid_value']],
    ['JSON string', { 属性: '"x"' }, ['properties:field.invalid_value']],
    ['unknown type', { 类型: 'identify' }, ['type:field.invalid_value']],
    ['no event name', { 事件: '' }, ['event:field.required']],
    ['no time', { 发生时间: '' }, ['occurredAt:field.required']],
    ['bad time', { 发生时间: '2026-02-30' }, ['occurredAt:field.invalid_value']],
    ['no customer', { 手机: '' }, ['customer:field.required']],
    ['bad mobile', { 手机: '123' }, ['mobile:field.invalid_value']],
  ])('%s', (_name, patch, expected) => {
    expect(fields(validateEventRow(row(patch), 2, columns, 'en'))).toEqual(expected);
  });

  it('defaults type to track, reads local time as China time and keeps the message id', () => {
    expect(validateEventRow(row({ 消息ID: 'm-1' }), 2, columns, 'en')).toMatchObject({
      type: 'track', name: 'Product Viewed', messageId: 'm-1', properties: '{"sku":"S1"}', customer: { type: 'mobile' },
    });
    expect((validateEventRow(row({}), 2, columns, 'en') as { occurredAt: Date }).occurredAt.toISOString()).toBe('2026-01-02T02:30:00.000Z');
  });
});

describe('parseProperties', () => {
  it('accepts exactly the JSON objects', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseProperties(JSON.stringify(value));
        const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
        expect(parsed === null).toBe(!isObject);
        if (parsed !== null) expect(JSON.parse(parsed)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
