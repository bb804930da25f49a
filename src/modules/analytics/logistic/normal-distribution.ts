/**
 * The standard normal lower tail Φ(x), double precision (Hart 1968, algorithm 5666, as given by
 * G. West, "Better approximations to cumulative normal functions", 2005; absolute error < 1e-14).
 * Used for Wald p-values. Pure.
 */
export function normalLowerTail(x: number): number {
  const z = Math.abs(x);
  let tail = 0;
  if (z <= 37) {
    const density = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let numerator = 3.52624965998911e-2 * z + 0.700383064443688;
      numerator = numerator * z + 6.37396220353165;
      numerator = numerator * z + 33.912866078383;
      numerator = numerator * z + 112.079291497871;
      numerator = numerator * z + 221.213596169931;
      numerator = numerator * z + 220.206867912376;
      let denominator = 8.83883476483184e-2 * z + 1.75566716318264;
      denominator = denominator * z + 16.064177579207;
      denominator = denominator * z + 86.7807322029461;
      denominator = denominator * z + 296.564248779674;
      denominator = denominator * z + 637.333633378831;
      denominator = denominator * z + 793.826512519948;
      denominator = denominator * z + 440.413735824752;
      tail = (density * numerator) / denominator;
    } else {
      const fraction = z + 1 / (z + 2 / (z + 3 / (z + 4 / (z + 0.65))));
      tail = density / fraction / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** Two-sided p-value of a z statistic: 2·(1 − Φ(|z|)). */
export function twoSidedNormalP(z: number): number {
  return 2 * normalLowerTail(-Math.abs(z));
}
