import path from 'node:path';

/**
 * The one-way import order: platform ← modules ← server / cli. Pure: given an importing file and
 * the file it imports (both relative to the repository root), returns the rule broken, if any.
 *  - platform/** imports nothing from modules/, server/ or cli/;
 *  - a module imports another module only through its index.ts;
 *  - modules/ import nothing from server/ or cli/; server/ imports nothing from cli/.
 */
export function importViolation(from: string, to: string): string | null {
  const layer = (file: string) => file.split('/')[1] ?? '';
  if (!from.startsWith('src/') || !to.startsWith('src/')) return null;
  const fromLayer = layer(from);
  const toLayer = layer(to);
  if (fromLayer === 'platform' && toLayer !== 'platform') return 'platform must not import from ' + toLayer;
  if (fromLayer === 'modules') {
    if (toLayer === 'server' || toLayer === 'cli') return `modules must not import from ${toLayer}`;
    if (toLayer === 'modules') {
      const fromModule = from.split('/')[2];
      const [, , toModule, ...rest] = to.split('/');
      if (fromModule !== toModule && rest.join('/') !== 'index.ts') return `import another module only through its index.ts (${toModule})`;
    }
  }
  if (fromLayer === 'server' && toLayer === 'cli') return 'server must not import from cli';
  return null;
}

/** Resolves a relative specifier ('./x.js') from a file to a repository-relative .ts path. */
export function resolveSpecifier(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return joined.replace(/\.js$/, '.ts');
}
