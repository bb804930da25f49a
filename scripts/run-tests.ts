import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm test`: type check, lint, import boundaries, then every test on a real PostgreSQL (embedded,
 * or DATABASE_URL), then the browser tests when Debian's Chromium is installed. Ends with one line
 * `tests: N passed, N failed` summing every vitest run.
 */
const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const reports = path.join(root, '.tmp');
fs.mkdirSync(reports, { recursive: true });

function step(title: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function counts(file: string): { passed: number; failed: number } {
  if (!fs.existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

let ok = true;
ok = step('type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) && ok;
ok = step('type check (web)', bin('tsc'), ['--noEmit', '-p', 'web/tsconfig.json']) && ok;
ok = step('lint', bin('biome'), ['lint', 'src', 'web/src', 'test', 'bench', 'scripts']) && ok;
ok = step('import boundaries', bin('tsx'), ['scripts/check-imports.ts']) && ok;

const unitReport = path.join(reports, 'vitest-unit.json');
fs.rmSync(unitReport, { force: true });
ok = step(`tests (${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL'})`, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]) && ok;

const e2eReport = path.join(reports, 'vitest-e2e.json');
fs.rmSync(e2eReport, { force: true });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (fs.existsSync(chromium)) {
  ok = step('build web app', process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']) && ok;
  ok = step('browser tests (Chromium)', bin('vitest'), ['run', '--config', 'test/e2e/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`]) && ok;
} else {
  process.stdout.write(`\n⚠ Browser tests SKIPPED: ${chromium} not found. Install it with: apt-get install -y chromium\n`);
}

const unit = counts(unitReport);
const e2e = counts(e2eReport);
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + (ok ? 0 : unit.failed + e2e.failed === 0 ? 1 : 0);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(ok ? 0 : 1);
