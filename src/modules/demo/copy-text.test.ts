import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkRows, copyBytea, copyRow, copyText } from './copy-text.js';

describe('COPY text format', () => {
  it.each([
    ['plain', 'plain'],
    ['杭州云启科技有限公司', '杭州云启科技有限公司'],
    ['a\tb', 'a\\tb'],
    ['line\nbreak\r', 'line\\nbreak\\r'],
    ['back\\slash', 'back\\\\slash'],
    ['{"k":"a\\"b"}', '{"k":"a\\\\"b"}'],
    [null, '\\N'],
  ])('copyText(%j) = %j', (input, expected) => {
    expect(copyText(input)).toBe(expected);
  });

  it('writes bytea in escaped hex and rows tab-separated', () => {
    expect(copyBytea(Buffer.from([0, 255, 16]))).toBe('\\\\x00ff10');
    expect(copyBytea(null)).toBe('\\N');
    expect(copyRow(['1', '\\N', 'x'])).toBe('1\t\\N\tx\n');
  });

  it('never leaves a raw tab or newline inside a value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(copyText(text)).not.toMatch(/[\t\n\r]/);
      }),
    );
  });

  it('chunks rows without losing or reordering any, each chunk ending on a row boundary', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }).map((s) => `${copyText(s)}\n`)), fc.integer({ min: 1, max: 100 }), (rows, size) => {
        const chunks = [...chunkRows(rows, size)];
        expect(chunks.join('')).toBe(rows.join(''));
        for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
      }),
    );
  });
});
