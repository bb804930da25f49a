/**
 * A small, fast, seedable PRNG so clustering is reproducible: the same seed gives the same sample,
 * seeds and clusters on every machine. sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator),
 * its state filled from the seed by splitmix32. Pure given the seed.
 *
 * Example: `const random = seededRandom(42); random()` → a number in [0, 1), always the same first one.
 */
export type RandomSource = () => number;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

export function seededRandom(seed: number): RandomSource {
  const fill = splitmix32(seed);
  let a = fill();
  let b = fill();
  let c = fill();
  let counter = 0;
  return () => {
    counter = (counter + 1) | 0;
    const t = (((a + b) | 0) + counter) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller), for synthetic data in tests and benchmarks. */
export function normalDraw(random: RandomSource): number {
  const u = 1 - random(); // (0, 1]: log(0) impossible
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** `count` distinct indexes of 0..n−1 in random order (partial Fisher–Yates); all of them when count ≥ n. */
export function sampleIndexes(n: number, count: number, random: RandomSource): Int32Array {
  const indexes = new Int32Array(n);
  for (let i = 0; i < n; i++) indexes[i] = i;
  const size = Math.min(n, count);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const swap = indexes[i]!;
    indexes[i] = indexes[j]!;
    indexes[j] = swap;
  }
  return indexes.slice(0, size);
}
