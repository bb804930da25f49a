import { describe, expect, it } from 'vitest';
import { importViolation, resolveSpecifier } from './import-rules.js';

describe('import rules', () => {
  it.each([
    ['src/platform/http/app.ts', 'src/platform/db/index.ts', null],
    ['src/platform/http/app.ts', 'src/modules/customers/index.ts', 'platform must not import from modules'],
    ['src/modules/customers/a.ts', 'src/platform/records/index.ts', null],
    ['src/modules/customers/a.ts', 'src/modules/customers/b.ts', null],
    ['src/modules/admin/a.ts', 'src/modules/customers/index.ts', null],
    ['src/modules/admin/a.ts', 'src/modules/customers/customer-object.ts', 'import another module only through its index.ts (customers)'],
    ['src/modules/admin/a.ts', 'src/server/runtime.ts', 'modules must not import from server'],
    ['src/server/runtime.ts', 'src/cli/main.ts', 'server must not import from cli'],
    ['src/cli/main.ts', 'src/server/runtime.ts', null],
  ])('%s → %s', (from, to, expected) => {
    expect(importViolation(from, to)).toBe(expected);
  });

  it('resolves relative specifiers to .ts files', () => {
    expect(resolveSpecifier('src/modules/a/x.ts', '../../platform/db/index.js')).toBe('src/platform/db/index.ts');
    expect(resolveSpecifier('src/modules/a/x.ts', 'pg')).toBeNull();
  });
});
