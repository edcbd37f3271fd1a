/**
 * Prometheus's float tolerance, shared by the histogram kernels (bucket monotonicity)
 * and the promqltest harness (which adds its stale-marker rule on top).
 */

/** The smallest positive normal float64 (util/almost). */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * `almost.Equal` (util/almost/almost.go): equal, both NaN, or differing by less than
 * `epsilon` relative to their magnitude sum (absolutely near zero). Stale markers never
 * reach kernels, so the StaleNaN special case is not needed here.
 */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (a !== a && b !== b) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}
