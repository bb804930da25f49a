/**
 * Streaming RFC 4180 CSV reader with the same rules as `parseCsv` (csv.ts): quoted cells with commas,
 * "" and line breaks, a leading BOM, CRLF / LF / CR line ends, blank lines dropped. Chunks may split
 * anything — a quote pair, a CRLF, a UTF-8 sequence — so only the current row is held, never the file.
 */
export class CsvRowParser {
  private row: string[] = [];
  private cell = '';
  private quoted = false;
  /** Inside quotes, the last character seen was `"`: a closing quote or the first half of `""`. */
  private quotePending = false;
  private touched = false;
  /** The last chunk ended with CR: a LF at the start of the next one belongs to it. */
  private skipLf = false;
  private started = false;

  /** Feeds a chunk of text; returns the rows it completed. */
  push(chunk: string): string[][] {
    const rows: string[][] = [];
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let i = 0;
    if (this.skipLf && text.length > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    while (i < text.length) i = this.quoted ? this.inQuotes(text, i) : this.unquoted(text, i, rows);
    return rows;
  }

  /** Ends the input; returns the last row if it was not terminated by a line end. */
  end(): string[][] {
    this.quoted = false;
    this.quotePending = false;
    if (this.cell !== '' || this.row.length > 0 || this.touched) {
      const rows: string[][] = [];
      this.endRow(rows);
      return rows;
    }
    return [];
  }

  private inQuotes(text: string, i: number): number {
    if (this.quotePending) {
      this.quotePending = false;
      if (text.charCodeAt(i) === 34) {
        this.cell += '"';
        return i + 1;
      }
      this.quoted = false;
      return i;
    }
    const close = text.indexOf('"', i);
    if (close < 0) {
      this.cell += text.slice(i);
      return text.length;
    }
    this.cell += text.slice(i, close);
    this.quotePending = true;
    return close + 1;
  }

  private unquoted(text: string, start: number, rows: string[][]): number {
    let i = start;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34 || c === 44 || c === 13 || c === 10) break;
    }
    if (i > start) this.cell += text.slice(start, i);
    if (i === text.length) return i;
    const c = text.charCodeAt(i);
    if (c === 34) {
      this.quoted = true;
      this.touched = true;
    } else if (c === 44) {
      this.row.push(this.cell);
      this.cell = '';
    } else {
      this.endRow(rows);
      if (c === 13) {
        if (i + 1 === text.length) this.skipLf = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
    }
    return i + 1;
  }

  private endRow(rows: string[][]): void {
    this.row.push(this.cell);
    if (this.row.length > 1 || this.row[0] !== '' || this.touched) rows.push(this.row);
    this.row = [];
    this.cell = '';
    this.touched = false;
  }
}

/**
 * The rows of a UTF-8 CSV byte stream (a file, an upload), in batches — one per chunk — so that a
 * consumer awaits once per chunk rather than once per row. Invalid UTF-8 becomes U+FFFD, as
 * `Buffer.toString` does.
 */
export async function* csvRowBatches(source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>): AsyncGenerator<string[][]> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const parser = new CsvRowParser();
  for await (const chunk of source) {
    const rows = parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (rows.length > 0) yield rows;
  }
  const rest = [...parser.push(decoder.decode()), ...parser.end()];
  if (rest.length > 0) yield rest;
}
