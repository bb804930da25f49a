/** Command-line flags of a benchmark (`--name value`, `--switch`), with checked integers. */
import { parseArgs } from '../src/cli/arguments.js';

export function benchFlags() {
  const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
  return {
    flags,
    /** `--name N`: a safe integer ≥ min, else the fallback when absent; anything else stops the bench. */
    int(name: string, fallback: number, min = 0): number {
      const value = flags[name] === undefined ? fallback : Number(flags[name]);
      if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
      return value;
    },
    /** `--name N,N,…`: positive integers (an empty value for none), else the fallback when absent. */
    ints(name: string, fallback: readonly number[]): number[] {
      if (flags[name] === undefined) return [...fallback];
      const values = String(flags[name] === true ? '' : flags[name]).split(',').filter(Boolean).map(Number);
      if (!values.every((v) => Number.isSafeInteger(v) && v > 0)) throw new Error(`--${name} must be positive integers separated by commas`);
      return values;
    },
  };
}
