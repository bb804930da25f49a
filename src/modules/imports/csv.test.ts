import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildErrorReport } from './error-report.js';
import { parseCsv, writeCsv } from './csv.js';

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    ['plain', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['lone CR', 'a\r1', [['a'], ['1']]],
    ['BOM', '\uFEFF姓名,手机\n张三,13800000000', [['姓名', '手机'], ['张三', '13800000000']]],
    ['quoted comma', 'a,"x, y"\n', [['a', 'x, y']]],
    ['quoted quote', '"say ""hi""",b', [['say "hi"', 'b']]],
    ['embedded newline', '"line 1\nline 2",b\r\nc,d', [['line 1\nline 2', 'b'], ['c', 'd']]],
    ['embedded CRLF kept', '"a\r\nb"', [['a\r\nb']]],
    ['empty cells', ',,\n', [['', '', '']]],
    ['blank lines dropped', 'a\n\n\nb\n', [['a'], ['b']]],
    ['quoted empty row kept', '""\n', [['']]],
    ['no trailing newline', 'a,b', [['a', 'b']]],
    ['empty input', '', []],
  ])('%s', (_name, input, rows) => {
    expect(parseCsv(input)).toEqual(rows);
  });
});

describe('writeCsv', () => {
  it('quotes only what needs it, CRLF, optional BOM', () => {
    expect(writeCsv([['a', 'b,c', 'say "x"', 'l1\nl2', ' pad']], true)).toBe('\uFEFFa,"b,c","say ""x""","l1\nl2"," pad"\r\n');
  });

  it('round-trips arbitrary cells through parseCsv', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', '\uFEFF', 'x', '1'), maxLength: 8 });
    const table = fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));
    fc.assert(
      fc.property(table, fc.boolean(), (rows, bom) => {
        expect(parseCsv(writeCsv(rows, bom))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});

describe('buildErrorReport', () => {
  it('is the original rows plus row number and error columns, readable by parseCsv', () => {
    const csv = buildErrorReport(['姓名', '手机'], [{ row: 3, cells: ['张三', 'abc'], errors: [{ row: 3, field: 'mobile', code: 'field.invalid_value', message: '字段值无效：mobile（bad phone）' }] }], 'zh-CN');
    expect(parseCsv(csv)).toEqual([
      ['姓名', '手机', '行号', '错误'],
      ['张三', 'abc', '3', 'mobile: 字段值无效：mobile（bad phone）'],
    ]);
  });
});
