import { readFile } from 'node:fs/promises';
import { type DedupRecord, evaluateFebrl, FEBRL_SCHEMA, findDuplicates, parseCsv, schemaForFields } from '../modules/identity/dedup/index.js';

/**
 * `relata dedup --input FILE.csv --id-column COL [--fields a,b,c] [--threshold X] [--json]`
 *
 * Suggests duplicate pairs for review (it never merges). Without `--fields`, a file with the febrl
 * columns uses the febrl schema; otherwise every column but the id is compared. With `--json` prints
 * one JSON document `{records, candidatePairs, pairs: [{a, b, score, reasons}], evaluation?}`;
 * `evaluation` (precision/recall) appears when every id follows febrl's `rec-N-org` / `rec-N-dup-k`.
 * Returns the exit code: 0 ok, 2 usage or input error.
 */
export async function dedupCommand(flags: Record<string, string | boolean>, positionals: string[]): Promise<number> {
  const input = typeof flags.input === 'string' ? flags.input : positionals[0];
  const idColumn = typeof flags['id-column'] === 'string' ? flags['id-column'] : undefined;
  if (input === undefined || idColumn === undefined) {
    process.stderr.write('usage: relata dedup --input FILE.csv --id-column COL [--fields a,b,c] [--threshold X] [--json]\n');
    return 2;
  }
  let threshold: number | undefined;
  if (flags.threshold !== undefined) {
    threshold = typeof flags.threshold === 'string' && flags.threshold.trim() !== '' ? Number(flags.threshold) : Number.NaN;
    if (!Number.isFinite(threshold)) {
      process.stderr.write('--threshold must be a number\n');
      return 2;
    }
  }
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (err) {
    process.stderr.write(`cannot read ${input}: ${(err as Error).message}\n`);
    return 2;
  }
  const table = parseCsv(text);
  if (!table.header.includes(idColumn)) {
    process.stderr.write(`no column "${idColumn}" in ${input} (columns: ${table.header.join(', ')})\n`);
    return 2;
  }
  let fields: string[];
  if (typeof flags.fields === 'string') {
    fields = flags.fields.split(',').map((f) => f.trim()).filter((f) => f !== '');
    const unknown = fields.filter((f) => !table.header.includes(f));
    if (unknown.length > 0 || fields.length === 0) {
      process.stderr.write(`unknown or missing --fields: ${unknown.join(', ')}\n`);
      return 2;
    }
  } else {
    fields = table.header.filter((h) => h !== idColumn);
  }
  const isFebrl = FEBRL_SCHEMA.fields.length === fields.length && FEBRL_SCHEMA.fields.every((f) => fields.includes(f.field));
  const schema = isFebrl ? FEBRL_SCHEMA : schemaForFields(fields);
  const records: DedupRecord[] = table.rows.map((row) => ({ id: row[idColumn] ?? '', values: row }));
  const result = findDuplicates(records, schema, { threshold });
  const evaluation = evaluateFebrl(
    records.map((r) => r.id),
    result.pairs,
  );
  if (flags.json === true || flags.json === 'true') {
    const doc = {
      records: result.records,
      candidatePairs: result.candidatePairs,
      threshold: threshold ?? schema.threshold,
      pairs: result.pairs,
      ...(evaluation
        ? { evaluation: { truePairs: evaluation.truePairs, found: evaluation.found, precision: evaluation.precision, recall: evaluation.recall } }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(doc)}\n`);
    return 0;
  }
  process.stdout.write(`${result.records} records, ${result.candidatePairs} candidate pairs, ${result.pairs.length} suggested duplicates (score ≥ ${threshold ?? schema.threshold})\n`);
  for (const p of result.pairs) process.stdout.write(`  ${p.a}  ${p.b}  ${p.score.toFixed(2)}  ${p.reasons.join(', ')}\n`);
  if (evaluation) process.stdout.write(`precision ${evaluation.precision.toFixed(4)}, recall ${evaluation.recall.toFixed(4)} (${evaluation.found} found, ${evaluation.truePairs} true pairs)\n`);
  return 0;
}
