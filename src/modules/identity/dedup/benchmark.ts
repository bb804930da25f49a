/**
 * Timing of the febrl matcher: `npx tsx src/modules/identity/dedup/benchmark.ts [records=100000]`.
 * Times febrl2 (median of 5 runs) and a synthetic set built by perturbing febrl2: originals mix the
 * fields of random febrl2 rows (fresh dates of birth and ids), 20% are duplicates with 1–3 febrl-like
 * corruptions (typo, transposition, blanked field, swapped names, swapped day/month). Deterministic.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseCsv } from './csv.js';
import { evaluateFebrl, FEBRL_SCHEMA } from './febrl.js';
import { candidatePairs, type DedupRecord, findDuplicates } from './matcher.js';

const FEBRL2 = '/work/shared/data/febrl/febrl2.csv';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function corrupt(values: Record<string, string>, rnd: () => number): Record<string, string> {
  const v = { ...values };
  const fields = Object.keys(v);
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    const f = fields[Math.floor(rnd() * fields.length)]!;
    const s = v[f] ?? '';
    const kind = Math.floor(rnd() * 5);
    const p = Math.floor(rnd() * Math.max(1, s.length));
    if (kind === 0 && s.length > 0) v[f] = s.slice(0, p) + LETTERS[Math.floor(rnd() * 26)] + s.slice(p + 1);
    else if (kind === 1 && s.length > 1) v[f] = s.slice(0, p) + (s[p + 1] ?? '') + (s[p] ?? '') + s.slice(p + 2);
    else if (kind === 2) v[f] = '';
    else if (kind === 3) [v['given_name'], v['surname']] = [v['surname'] ?? '', v['given_name'] ?? ''];
    else if (kind === 4 && (v['date_of_birth'] ?? '').length === 8) {
      const d = v['date_of_birth']!;
      v['date_of_birth'] = d.slice(0, 4) + d.slice(6, 8) + d.slice(4, 6);
    }
  }
  return v;
}

export function synthesize(base: readonly Record<string, string>[], n: number, seed = 1): DedupRecord[] {
  const rnd = mulberry32(seed);
  const pick = (f: string): string => base[Math.floor(rnd() * base.length)]![f] ?? '';
  const originals = Math.round(n * 0.8);
  const out: DedupRecord[] = [];
  for (let i = 0; i < originals; i++) {
    const y = 1900 + Math.floor(rnd() * 100);
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    const values: Record<string, string> = {
      given_name: pick('given_name'),
      surname: pick('surname'),
      street_number: pick('street_number'),
      address_1: pick('address_1'),
      address_2: pick('address_2'),
      suburb: pick('suburb'),
      postcode: pick('postcode'),
      state: pick('state'),
      date_of_birth: `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
      soc_sec_id: String(1_000_000 + Math.floor(rnd() * 9_000_000)),
    };
    out.push({ id: `rec-${i}-org`, values });
  }
  const dupCount = new Map<number, number>();
  while (out.length < n) {
    const o = Math.floor(rnd() * originals);
    const k = dupCount.get(o) ?? 0;
    dupCount.set(o, k + 1);
    out.push({ id: `rec-${o}-dup-${k}`, values: corrupt(out[o]!.values as Record<string, string>, rnd) });
  }
  return out;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, (performance.now() - t0) / 1000];
}

function main(): void {
  const n = Number(process.argv[2] ?? 100_000);
  const rows = parseCsv(fs.readFileSync(FEBRL2, 'utf8')).rows;
  const febrl = rows.map((r) => ({ id: r['rec_id']!, values: r }));
  const runs: number[] = [];
  let last = findDuplicates(febrl, FEBRL_SCHEMA);
  for (let i = 0; i < 5; i++) {
    const [res, s] = time(() => findDuplicates(febrl, FEBRL_SCHEMA));
    last = res;
    runs.push(s);
  }
  runs.sort((a, b) => a - b);
  const med = runs[2]!;
  console.log(`febrl2: ${febrl.length} records, ${last.candidatePairs} candidate pairs, median ${(med * 1000).toFixed(0)} ms, ${Math.round(febrl.length / med)} records/s`);
  const synthetic = synthesize(rows, n);
  const [cands, blockS] = time(() => candidatePairs(synthetic, FEBRL_SCHEMA));
  const [res, totalS] = time(() => findDuplicates(synthetic, FEBRL_SCHEMA));
  const e = evaluateFebrl(
    synthetic.map((r) => r.id),
    res.pairs,
  )!;
  console.log(
    `synthetic: ${n} records, ${cands.length} candidate pairs, blocking ${blockS.toFixed(2)} s, blocking+scoring ${totalS.toFixed(2)} s, ${Math.round(n / totalS)} records/s; ` +
      `truePairs ${e.truePairs}, found ${e.found}, precision ${e.precision.toFixed(4)}, recall ${e.recall.toFixed(4)}; heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`,
  );
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`);
}

if (process.argv[1]?.endsWith('benchmark.ts')) main();
