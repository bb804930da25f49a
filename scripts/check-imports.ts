import fs from 'node:fs';
import path from 'node:path';
import { importViolation, resolveSpecifier } from './import-rules.js';

/** Fails (exit 1) listing every import that breaks the one-way order of scripts/import-rules.ts. */
const root = path.resolve(import.meta.dirname, '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield full;
  }
}

const violations: string[] = [];
let checked = 0;
for (const file of sourceFiles(path.join(root, 'src'))) {
  const from = path.relative(root, file).split(path.sep).join('/');
  const text = fs.readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const to = resolveSpecifier(from, match[1] ?? match[2] ?? '');
    if (!to) continue;
    checked += 1;
    const broken = importViolation(from, to);
    if (broken) violations.push(`${from} → ${to}: ${broken}`);
  }
}
if (violations.length > 0) {
  process.stderr.write(`Import boundary violations:\n${violations.map((v) => `  ${v}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`import boundaries ok (${checked} imports checked)\n`);
