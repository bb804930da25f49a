import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from './csv.js';
import { CsvRowParser, csvRowBatches } from './csv-stream.js';

/** Splits `text` at the given cut points (any positions, sorted, deduplicated). */
function split<T extends string | Buffer>(text: T, cuts: readonly number[]): T[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: T[] = [];
  let from = 0;
  for (const p of [...points, text.length]) {
    parts.push(text.slice(from, p) as T);
    from = p;
  }
  return parts;
}

function parseChunks(chunks: readonly string[]): string[][] {
  const parser = new CsvRowParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

async function parseStream(chunks: readonly (string | Buffer)[]): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const batch of csvRowBatches(chunks)) rows.push(...batch);
  return rows;
}

/** Text made of the characters that matter to CSV, plus a multi-byte one. */
const csvText = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' ', '张', '\uFEFF'), maxLength: 60 });
const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('CsvRowParser', () => {
  it.each<[string, string[], string[][]]>([
    ['quote pair split', ['"say ""hi', '"', '"",b'], [['say "hi"', 'b']]],
    ['closing quote at chunk end', ['"x"', ',y\n'], [['x', 'y']]],
    ['CRLF split', ['a\r', '\nb'], [['a'], ['b']]],
    ['lone CR at end of chunk', ['a\r', 'b'], [['a'], ['b']]],
    ['BOM in its own chunk', ['\uFEFF', '姓名\n张三'], [['姓名'], ['张三']]],
    ['newline inside quotes split', ['"l1\r', '\nl2",c'], [['l1\r\nl2', 'c']]],
  ])('%s', (_name, chunks, rows) => {
    expect(parseChunks(chunks)).toEqual(rows);
  });

  it('equals parseCsv on random text split at random points', () => {
    fc.assert(
      fc.property(csvText, cuts, (text, at) => {
        expect(parseChunks(split(text, at))).toEqual(parseCsv(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads written rows back from bytes split inside UTF-8 sequences', async () => {
    const cell = fc.string({ unit: fc.constantFrom('x', ',', '"', '\n', '\r', '客', '户', '😀'), maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), cuts, fc.boolean(), async (rows, at, bom) => {
        const bytes = Buffer.from(writeCsv(rows, bom), 'utf8');
        expect(await parseStream(split(bytes, at))).toEqual(parseCsv(bytes.toString('utf8')));
      }),
      { numRuns: 500 },
    );
  });
});
