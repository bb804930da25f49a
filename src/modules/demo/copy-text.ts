/**
 * PostgreSQL `COPY … FROM STDIN` text format: columns separated by tabs, rows by newlines, `\N` for
 * NULL, and backslash, tab, newline and carriage return escaped. Pure.
 */
export const COPY_NULL = '\\N';

/** A text value: `a\tb` → `a\\tb`. */
export function copyText(value: string | null): string {
  if (value === null) return COPY_NULL;
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A bytea value in hex form; its backslash is escaped for COPY: `\\x0a1b…`. */
export function copyBytea(value: Buffer | null): string {
  return value === null ? COPY_NULL : `\\\\x${value.toString('hex')}`;
}

export function copyRow(values: readonly string[]): string {
  return `${values.join('\t')}\n`;
}

/**
 * Groups rows into chunks of about `chunkChars` characters, so a COPY stream writes a few hundred
 * kilobytes at a time instead of one tiny write per row. Lazy: only one chunk is held at a time.
 */
export function* chunkRows(rows: Iterable<string>, chunkChars = 256 * 1024): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
