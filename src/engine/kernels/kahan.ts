/**
 * Kahan–Neumaier compensated summation and the compensated mean, exactly as Prometheus
 * computes them (util/kahansum and the avg paths of promql/functions.go and engine.go).
 *
 * Both accumulators are small mutable objects meant to be created once and reused
 * (call `reset()`), so hot loops allocate nothing.
 */

/** Largest finite float64; `x > MAX || x < -MAX` is Prometheus's branch-free isInf. */
const MAX_FLOAT64 = Number.MAX_VALUE;

/**
 * A running Kahan–Neumaier sum. Mirrors `kahansum.Inc`, util/kahansum/kahansum.go:
 * once the running sum becomes infinite the compensation is reset to 0, so that
 * `Inf + (-Inf)`-style compensation never turns a legitimate infinite sum into NaN.
 */
export class KahanSum {
  /** The uncompensated running sum. */
  sum = 0;
  /** The running compensation (the rounding error not yet in `sum`). */
  c = 0;

  /** Starts over at zero. */
  reset(): void {
    this.sum = 0;
    this.c = 0;
  }

  /** Adds `inc`. Mirrors kahansum.Inc. */
  add(inc: number): void {
    const sum = this.sum;
    const t = sum + inc;
    if (t > MAX_FLOAT64 || t < -MAX_FLOAT64) {
      this.c = 0;
    } else if (Math.abs(sum) >= Math.abs(inc)) {
      // Neumaier: the larger magnitude operand loses the low-order bits.
      this.c += sum - t + inc;
    } else {
      this.c += inc - t + sum;
    }
    this.sum = t;
  }

  /**
   * The compensated total as sum_over_time returns it: `sum + c`, except that an
   * infinite sum is returned as is (funcSumOverTime).
   */
  value(): number {
    const s = this.sum;
    if (s === Infinity || s === -Infinity) return s;
    return s + this.c;
  }
}

/**
 * The functional form of {@link KahanSum.add}, for callers that keep `sum` and `c` in
 * their own typed arrays (e.g. one pair per aggregation group). Writes the new sum to
 * `out[outIndex]` and the new compensation to `out[outIndex + 1]`.
 * Mirrors kahansum.Inc.
 */
export function kahanSumInc(inc: number, sum: number, c: number, out: Float64Array, outIndex = 0): void {
  const t = sum + inc;
  out[outIndex] = t;
  out[outIndex + 1] = kahanCompensation(sum, inc, t, c);
}

/**
 * The compensation after adding `inc` to `sum` (`t = sum + inc`) with compensation `c`,
 * for callers that keep sums and compensations in their own arrays. Mirrors kahansum.Inc.
 */
export function kahanCompensation(sum: number, inc: number, t: number, c: number): number {
  if (t > MAX_FLOAT64 || t < -MAX_FLOAT64) return 0;
  if (Math.abs(sum) >= Math.abs(inc)) return c + (sum - t + inc);
  return c + (inc - t + sum);
}

/**
 * The compensated mean Prometheus 3.x uses for avg_over_time and the avg aggregation:
 * a direct Kahan sum divided by the count as long as the sum stays finite; once adding
 * a value would overflow, it switches for good to an incremental mean (with the
 * compensation scaled along). Mirrors funcAvgOverTime (promql/functions.go) and the
 * parser.AVG case of aggregation (promql/engine.go).
 */
export class KahanMean {
  private sum = 0;
  private c = 0;
  private mean = 0;
  private count = 0;
  private incremental = false;

  /** Starts over with no values. */
  reset(): void {
    this.sum = 0;
    this.c = 0;
    this.mean = 0;
    this.count = 0;
    this.incremental = false;
  }

  /** Number of values added so far. */
  get size(): number {
    return this.count;
  }

  /** Adds one value. */
  add(f: number): void {
    const count = ++this.count;
    if (count === 1) {
      // Upstream pre-sets the first value as the sum and starts the loop at the second.
      this.sum = f;
      this.mean = f;
      this.c = 0;
      return;
    }
    if (!this.incremental) {
      const sum = this.sum;
      const t = sum + f;
      if (!(t > MAX_FLOAT64 || t < -MAX_FLOAT64)) {
        if (Math.abs(sum) >= Math.abs(f)) this.c += sum - t + f;
        else this.c += f - t + sum;
        this.sum = t;
        return;
      }
      // The sum would overflow: revert to incremental calculation from here on.
      this.incremental = true;
      this.mean = this.sum / (count - 1);
      this.c /= count - 1;
    }
    const q = (count - 1) / count;
    const inc = f / count;
    const sum = q * this.mean;
    const c = q * this.c;
    const t = sum + inc;
    let nc: number;
    if (t > MAX_FLOAT64 || t < -MAX_FLOAT64) nc = 0;
    else if (Math.abs(sum) >= Math.abs(inc)) nc = c + (sum - t + inc);
    else nc = c + (inc - t + sum);
    this.mean = t;
    this.c = nc;
  }

  /** The mean of the values added (NaN when none were). */
  value(): number {
    if (this.count === 0) return NaN;
    if (this.incremental) return this.mean + this.c;
    return this.sum / this.count + this.c / this.count;
  }
}
