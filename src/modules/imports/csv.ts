/**
 * RFC 4180 CSV, UTF-8 only (GBK / GB18030 files must be re-saved as UTF-8 first). Pure.
 * Handles quoted cells with embedded commas, quotes ("") and line breaks, a leading BOM and
 * CRLF / LF / CR line ends. Blank lines are dropped.
 */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let touched = false;
  const endRow = () => {
    row.push(cell);
    if (row.length > 1 || row[0] !== '' || touched) rows.push(row);
    row = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0 || touched) endRow();
  return rows;
}

/** One CSV cell: quoted when it holds a comma, quote, CR or LF, or starts/ends with a space. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows → CSV text with CRLF line ends (and a BOM when asked, for Excel). Inverse of parseCsv. */
export function writeCsv(rows: readonly (readonly string[])[], bom = false): string {
  const body = rows.map((r) => (r.length === 1 && r[0] === '' ? '""' : r.map(csvCell).join(','))).join('\r\n');
  return (bom ? '\uFEFF' : '') + (rows.length ? `${body}\r\n` : '');
}
