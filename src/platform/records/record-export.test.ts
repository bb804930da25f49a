import { describe, expect, it } from 'vitest';
import { csvCell } from './record-export.js';

describe('csvCell', () => {
  it.each<[unknown, string]>([
    [null, ''],
    ['张三', '张三'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    [['A', 'B'], 'A;B'],
    [12.5, '12.5'],
    ['+8613812345678', '+8613812345678'],
    ['-12.5', '-12.5'],
    ['=1+1', "'=1+1"],
    ['+cmd|calc', "'+cmd|calc"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
