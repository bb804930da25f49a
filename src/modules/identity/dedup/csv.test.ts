import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRows } from './csv.js';

describe('parseCsv', () => {
  it('reads febrl-style rows with leading spaces', () => {
    const t = parseCsv('rec_id, given_name, surname\nrec-1-org, , waller\nrec-1-dup-0, ann, wallr\n');
    expect(t.header).toEqual(['rec_id', 'given_name', 'surname']);
    expect(t.rows).toEqual([
      { rec_id: 'rec-1-org', given_name: '', surname: 'waller' },
      { rec_id: 'rec-1-dup-0', given_name: 'ann', surname: 'wallr' },
    ]);
  });

  it('handles quotes, escaped quotes, commas and newlines inside quotes, CRLF and a BOM', () => {
    const rows = parseCsvRows('\ufeffa,b,c\r\n"x, y","say ""hi""", "line\r\nbreak"\r\n\r\n1,,3');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line\r\nbreak'],
      ['1', '', '3'],
    ]);
  });

  it('keeps spaces inside quotes and fills short rows', () => {
    const t = parseCsv('id,name,city\n1," padded "\n');
    expect(t.rows).toEqual([{ id: '1', name: ' padded ', city: '' }]);
  });
});
