import fs from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * A file of the shared reference data sets (`../shared/data/` beside the checkout; see
 * shared/data/README.md). A clone elsewhere (CI checks out a fresh clone) falls back to the
 * workplace's copy in /work/shared/data.
 */
export function sharedDataFile(relative: string): string {
  const beside = path.resolve(REPO_ROOT, '../shared/data', relative);
  return fs.existsSync(beside) ? beside : path.join('/work/shared/data', relative);
}
