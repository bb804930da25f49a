/**
 * Minimal CSV parser (RFC 4180 subset): comma separator, double-quoted fields with `""` escapes,
 * commas and line breaks inside quotes, LF or CRLF line ends, a header row. Unquoted fields are
 * trimmed (febrl writes `, value`). Pure.
 */
export interface CsvTable {
  header: string[];
  rows: Array<Record<string, string>>;
}

/** All rows as arrays of fields (the header included); blank lines are skipped. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = (): void => {
    row.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRow = (): void => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (ch === ',') endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else if (!(wasQuoted && (ch === ' ' || ch === '\t'))) field += ch;
    i++;
  }
  if (field !== '' || wasQuoted || row.length > 0) endRow();
  return rows;
}

/** Parse with the first row as header; rows shorter than the header get '' for missing fields. */
export function parseCsv(text: string): CsvTable {
  const [header = [], ...body] = parseCsvRows(text);
  const rows = body.map((fields) => {
    const rec: Record<string, string> = {};
    header.forEach((h, k) => {
      rec[h] = fields[k] ?? '';
    });
    return rec;
  });
  return { header, rows };
}
