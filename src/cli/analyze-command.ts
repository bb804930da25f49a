import { readFile } from 'node:fs/promises';
import { ANALYSES, AnalysisInputError, tableFromRows } from '../modules/analytics/index.js';
import { parseCsv } from '../modules/imports/index.js';

export const ANALYZE_USAGE = 'relata analyze <rfm|clusters|clv|churn|leadscore|basket|forecast|attribution|abtest> --input FILE.csv [options] --json';

/**
 * `relata analyze <model> --input FILE.csv [options] --json`: runs one analysis on a CSV with a
 * header and prints one JSON document on stdout. Returns the exit code: 0 ok, 2 usage or input error
 * (including "too little data"), with the reason on stderr.
 */
export async function analyzeCommand(positionals: string[], flags: Record<string, string | boolean>): Promise<number> {
  const name = positionals[0];
  const analysis = name === undefined ? undefined : ANALYSES[name];
  if (analysis === undefined) {
    process.stderr.write(`usage: ${ANALYZE_USAGE}\n${name === undefined ? '' : `unknown analysis "${name}"; available: ${Object.keys(ANALYSES).sort().join(', ')}\n`}`);
    return 2;
  }
  if (flags.help === true) {
    process.stdout.write(`relata analyze ${name} --input FILE.csv [options] --json\n${analysis.usage}\n`);
    return 0;
  }
  const input = typeof flags.input === 'string' ? flags.input : positionals[1];
  if (input === undefined) {
    process.stderr.write(`usage: relata analyze ${name} --input FILE.csv [options] --json\n${analysis.usage}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (err) {
    process.stderr.write(`cannot read ${input}: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const result = analysis.run(tableFromRows(parseCsv(text)), flags);
    process.stdout.write(`${JSON.stringify(result, null, flags.json === true ? undefined : 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AnalysisInputError) {
      process.stderr.write(`relata analyze ${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
