/**
 * Seeded randomness for demo data: sfc32 (small, fast, passes PractRand) seeded through a 32-bit
 * mix of (seed, stream, index), so every customer's values can be regenerated on their own —
 * `new Random(42, CUSTOMERS, 1234)` always yields the same sequence. Pure: no Math.random, no clock.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, ...keys: number[]) {
    let h = mix32(seed >>> 0);
    for (const key of keys) h = mix32(h ^ mix32(key >>> 0) ^ 0x9e3779b9);
    this.a = h;
    this.b = mix32(h ^ 0x85ebca6b);
    this.c = mix32(h ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** `digits` random decimal digits, leading zeros allowed. */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Picks by weight in O(log n): `new WeightedTable([['A', 15], ['B', 50], ['C', 35]]).pick(rng)`. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('empty weighted table');
    this.values = entries.map((e) => e[0]);
    let sum = 0;
    this.cumulative = entries.map(([, weight]) => {
      if (!(weight > 0)) throw new Error('weights must be positive');
      sum += weight;
      return sum;
    });
    this.total = sum;
  }

  pick(rng: Random): T {
    const target = rng.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return this.values[low]!;
  }
}

/**
 * A heavy-tailed count (Lomax / Pareto II, shape `alpha`) capped at `cap`, with its scale solved so
 * that the mean of `floor(min(X, cap))` is `mean`: most draws are 0–3, a few are in the hundreds.
 * E[floor(min(X, cap))] = Σ_{k=1..cap} P(X ≥ k) = Σ (1 + k/scale)^-alpha, solved by bisection.
 */
export class ParetoCount {
  readonly scale: number;

  constructor(
    readonly mean: number,
    readonly alpha = 1.3,
    readonly cap = Math.max(20, Math.round(mean * 30)),
  ) {
    if (mean <= 0) {
      this.scale = 0;
      return;
    }
    if (mean >= cap) throw new Error('mean must be below the cap');
    let low = 1e-6;
    let high = cap * 1000;
    for (let i = 0; i < 100; i++) {
      const mid = (low + high) / 2;
      if (this.expected(mid) < mean) low = mid;
      else high = mid;
    }
    this.scale = (low + high) / 2;
  }

  /** The exact mean of draws for a given scale. */
  expected(scale: number): number {
    let sum = 0;
    for (let k = 1; k <= this.cap; k++) sum += (1 + k / scale) ** -this.alpha;
    return sum;
  }

  draw(rng: Random): number {
    if (this.scale === 0) return 0;
    const x = this.scale * ((1 - rng.next()) ** (-1 / this.alpha) - 1);
    return Math.floor(Math.min(x, this.cap));
  }
}
