import { describe, expect, it } from 'vitest';
import type { VisibleField } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { planImport } from './duplicate-plan.js';
import { matchOption, suggestMapping } from './mapping.js';
import { cellInput, resolveColumns, validateRow } from './row-validation.js';

const fields: VisibleField[] = customerObject.systemFields.map((f) => ({ ...f, access: f.system ? 'read' : 'edit', masked: false }));
const field = (key: string) => fields.find((f) => f.key === key)!;

describe('suggestMapping', () => {
  it.each<[string[], Record<string, string>]>([
    [['客户名称', '手机', '邮箱', '等级', '来源'], { 客户名称: 'name', 手机: 'mobile', 邮箱: 'email', 等级: 'level', 来源: 'source' }],
    [['姓名', '手机号', 'Email', '客户等级'], { 姓名: 'name', 手机号: 'mobile', Email: 'email', 客户等级: 'level' }],
    [['名称', '电话', 'E-mail '], { 名称: 'name', 电话: 'mobile', 'E-mail ': 'email' }],
    [['Name', 'Mobile', 'Level', 'Source', 'Company', 'Birthday'], { Name: 'name', Mobile: 'mobile', Level: 'level', Source: 'source', Company: 'company', Birthday: 'birthday' }],
    [['ＮＡＭＥ', '备注'], { ＮＡＭＥ: 'name' }],
    [['姓名', '名称'], { 姓名: 'name' }],
    [['创建时间', '负责人', '编号'], {}],
  ])('%j', (headers, mapping) => {
    expect(suggestMapping(headers, fields)).toEqual(mapping);
  });
});

describe('matchOption', () => {
  it.each<[string, string, string | null]>([
    ['level', 'A', 'A'],
    ['level', 'A（重点）', 'A'],
    ['level', 'b (normal)', 'B'],
    ['source', '转介绍', 'referral'],
    ['source', 'Referral', 'referral'],
    ['source', 'referral', 'referral'],
    ['source', '朋友', null],
    ['gender', '男', 'male'],
  ])('%s %s', (key, text, value) => {
    expect(matchOption(field(key).options, text)).toBe(value);
  });
});

describe('row validation', () => {
  it('converts cells the way a user types them', () => {
    expect(cellInput(field('birthday'), '1990/1/2')).toBe('1990-01-02');
    expect(cellInput(field('level'), 'A（重点）')).toBe('A');
    expect(cellInput({ ...field('name'), type: 'number' }, '1,234.5')).toBe(1234.5);
    expect(cellInput({ ...field('name'), type: 'boolean' }, '是')).toBe(true);
  });

  it('reports every bad cell of a row with the record layer codes', () => {
    const columns = resolveColumns(['姓名', '手机', '等级'], { 姓名: 'name', 手机: 'mobile', 等级: 'level' }, fields);
    expect(validateRow(['张三', '13812341234', 'A（重点）'], 2, columns, 'en')).toEqual({ row: 2, values: new Map([['name', '张三'], ['mobile', '+8613812341234'], ['level', 'A']]) });
    const bad = validateRow(['', 'abc', 'Z'], 5, columns, 'en');
    expect(bad).toEqual([
      { row: 5, field: 'name', code: 'field.required', message: 'Required field: name' },
      { row: 5, field: 'mobile', code: 'field.invalid_value', message: expect.stringContaining('mobile') },
      { row: 5, field: 'level', code: 'field.invalid_value', message: 'Invalid value for level: not an option' },
    ]);
  });

  it('refuses hidden, system and read-only mapped fields and an unmapped required field', () => {
    const readOnly = fields.map((f) => (f.key === 'email' ? { ...f, access: 'read' as const } : f));
    expect(() => resolveColumns(['x'], { x: 'secret' }, fields)).toThrow('field.unknown');
    expect(() => resolveColumns(['x'], { x: 'ownerId' }, fields)).toThrow('field.not_writable');
    expect(() => resolveColumns(['n', 'x'], { n: 'name', x: 'email' }, readOnly)).toThrow('permission.field_read_only');
    expect(() => resolveColumns(['x'], { x: 'mobile' }, fields)).toThrow('field.required');
  });
});

describe('planImport', () => {
  const row = (n: number, name: string) => ({ row: n, values: new Map<string, string>([['name', name]]) });
  const keys = [{ mobile: 'm1', email: null }, { mobile: null, email: 'e2' }, { mobile: 'm3', email: null }, { mobile: 'm3', email: null }];
  const rows = [row(2, 'a'), row(3, 'b'), row(4, 'c'), row(5, 'd')];
  const existing = [{ id: 10, mobile: 'm1', email: null, writable: true }, { id: 11, mobile: null, email: 'e2', writable: false }];

  it('skip: existing and in-file repeats are skipped', () => {
    const plan = planImport(rows, keys, existing, 'skip');
    expect([plan.created, plan.updated, plan.skipped]).toEqual([1, 0, 3]);
  });
  it('update: writable matches are updated, others skipped, repeats folded', () => {
    const plan = planImport(rows, keys, existing, 'update');
    expect([plan.created, plan.updated, plan.skipped]).toEqual([1, 2, 1]);
    expect(plan.updates.get(10)?.get('name')).toBe('a');
    expect(plan.creates[0]?.get('name')).toBe('d');
  });
  it('create: everything is created', () => {
    expect(planImport(rows, keys, existing, 'create').created).toBe(4);
  });
  it('update: a repeat folds into a copy; the rows themselves are not changed', () => {
    const fresh = [row(2, 'a'), row(3, 'b'), row(4, 'c')];
    fresh[1]!.values.set('level', 'A');
    const plan = planImport(fresh, [{ mobile: 'm9', email: null }, { mobile: null, email: 'e9' }, { mobile: 'm9', email: 'e9' }], [], 'update');
    expect([plan.created, plan.updated, plan.skipped]).toEqual([2, 1, 0]);
    expect(plan.creates.map((v) => Object.fromEntries(v))).toEqual([{ name: 'c' }, { name: 'b', level: 'A' }]);
    expect(fresh.map((r) => Object.fromEntries(r.values))).toEqual([{ name: 'a' }, { name: 'b', level: 'A' }, { name: 'c' }]);
    expect(plan.creates[1]).toBe(fresh[1]!.values);
  });
});
