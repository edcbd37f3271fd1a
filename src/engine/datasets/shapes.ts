/**
 * Value shapes: each fills one value per scheduled scrape of an entity (including scrapes
 * that fall in an outage; the emitter drops those). Hot loops are indexed loops over typed
 * arrays with no per-sample allocation, since the browser generates datasets in a worker.
 */
import { standardNormalCdf, type Rng } from './prng.ts';
import type { ScrapeSchedule } from './entities.ts';
import type { CounterShape, GaugeShape, HistogramShape } from './spec.ts';

/**
 * The daily cycle, one value in [-1, 1] per grid slot: a sine peaking at 14:00 UTC and
 * bottoming out at 02:00 UTC. A shape with amplitude `a` multiplies its rate by `1 + a·d`.
 */
export function diurnalTable(startMs: number, intervalMs: number, slots: number): Float64Array {
  const out = new Float64Array(slots);
  const dayMs = 86_400_000;
  for (let k = 0; k < slots; k++) {
    const hourOfDay = (((startMs + k * intervalMs) % dayMs) + dayMs) % dayMs / 3_600_000;
    out[k] = Math.sin((2 * Math.PI * (hourOfDay - 8)) / 24);
  }
  return out;
}

/**
 * A counter: the increase per scrape is `rate · (1 + diurnal·d) · Δt`, with relative noise,
 * never negative, so the value only goes up — except after a restart, where it starts
 * again from the part of the interval since the restart (a counter reset).
 * `initial` is the value at the first scrape (a process already running for days).
 */
export function fillCounter(shape: CounterShape, s: ScrapeSchedule, rate: number, initial: number, daily: Float64Array, rng: Rng, out: Float64Array): void {
  const amp = shape.diurnal ?? 0;
  const noise = shape.noise ?? 0;
  const integer = shape.integer ?? false;
  const scale = 10 ** (shape.decimals ?? 2);
  let exact = initial;
  for (let i = 0; i < s.length; i++) {
    if (i > 0) {
      const dtSec = (s.times[i] - s.times[i - 1]) / 1000;
      let inc = rate * (1 + amp * daily[s.slot[i]]) * dtSec;
      if (noise > 0) inc *= Math.max(0, 1 + noise * rng.normal());
      if (s.restart[i] === 1) exact = inc * rng.next();
      else exact += inc;
    }
    out[i] = integer ? Math.floor(exact) : Math.round(exact * scale) / scale;
  }
}

/**
 * A gauge: a mean-reverting random walk around `base · (1 + diurnal·d)`, clamped to
 * [min, max] and rounded to `quantum`.
 */
export function fillGauge(shape: GaugeShape, s: ScrapeSchedule, base: number, daily: Float64Array, rng: Rng, out: Float64Array): void {
  const amp = shape.diurnal ?? 0;
  const walk = (shape.walk ?? 0) * base;
  const reversion = shape.reversion ?? 0.05;
  const lo = shape.min ?? -Infinity;
  const hi = shape.max ?? Infinity;
  const q = shape.quantum ?? 0;
  let x = base * (1 + amp * (s.length > 0 ? daily[s.slot[0]] : 0)) * (1 + (walk > 0 ? 0.5 * (shape.walk ?? 0) * rng.normal() : 0));
  for (let i = 0; i < s.length; i++) {
    const target = base * (1 + amp * daily[s.slot[i]]);
    if (i > 0) x += reversion * (target - x) + (walk > 0 ? walk * rng.normal() : 0);
    let v = x < lo ? lo : x > hi ? hi : x;
    if (q > 0) v = Math.round(v / q) * q;
    out[i] = v;
  }
}

/**
 * A classic histogram. Observations are log-normal with a median that rises with load.
 * Per scrape, the new observations `d` (an integer) are spread over the buckets by the
 * log-normal CDF; each bucket keeps its exact running share, and its exposed value is the
 * floor of that. Because the CDF is non-decreasing in `le`, every bucket is ≤ the next,
 * ≤ `_count`, and never decreases over time — except at a restart, where all reset.
 * `out` holds `buckets.length + 3` rows of `s.length` values: the finite buckets, `+Inf`,
 * `_sum`, `_count`. `work` is scratch of at least `buckets.length` entries. `cdf` caches,
 * per grid slot, the bucket shares and the mean observation (row of `buckets.length + 1`,
 * mean last; a zero mean marks a row not computed yet); it depends only on the shape and
 * the slot, so all series of one family share it ({@link histogramCdfCache}).
 */
export function fillHistogram(
  shape: HistogramShape,
  s: ScrapeSchedule,
  rate: number,
  initialCount: number,
  daily: Float64Array,
  rng: Rng,
  out: Float64Array,
  work: Float64Array,
  cdf: Float64Array,
): void {
  const n = s.length;
  const nb = shape.buckets.length;
  const amp = shape.diurnal ?? 0;
  const noise = shape.noise ?? 0;
  const sens = shape.loadSensitivity ?? 0;
  const sigma = shape.sigma;
  const lnMedian = Math.log(shape.median);
  const rowInf = nb * n;
  const rowSum = (nb + 1) * n;
  const rowCount = (nb + 2) * n;
  let countExact = initialCount;
  let count = Math.floor(countExact);
  let sum = count * shape.median * Math.exp((sigma * sigma) / 2);
  for (let j = 0; j < nb; j++) work[j] = count * logNormalCdf(shape.buckets[j], lnMedian, sigma);
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const load = 1 + amp * daily[s.slot[i]];
      let inc = rate * load * ((s.times[i] - s.times[i - 1]) / 1000);
      if (noise > 0) inc *= Math.max(0, 1 + noise * rng.normal());
      if (s.restart[i] === 1) {
        countExact = 0;
        count = 0;
        sum = 0;
        for (let j = 0; j < nb; j++) work[j] = 0;
        inc *= rng.next();
      }
      countExact += inc;
      const newCount = Math.floor(countExact);
      const d = newCount - count;
      count = newCount;
      if (d > 0) {
        const k = s.slot[i];
        const row = k * (nb + 1);
        if (cdf[row + nb] === 0) fillCdfRow(shape, lnMedian, sens, 1 + amp * daily[k], cdf, row);
        for (let j = 0; j < nb; j++) work[j] += d * cdf[row + j];
        sum += d * cdf[row + nb] * (1 + 0.05 * rng.normal());
      }
    }
    for (let j = 0; j < nb; j++) {
      const b = Math.floor(work[j]);
      out[j * n + i] = b > count ? count : b;
    }
    out[rowInf + i] = count;
    out[rowSum + i] = Math.round(sum * 1e4) / 1e4;
    out[rowCount + i] = count;
  }
}

/** P(X ≤ x) for ln X ~ N(mu, sigma²). */
function logNormalCdf(x: number, mu: number, sigma: number): number {
  return standardNormalCdf((Math.log(x) - mu) / sigma);
}

/** A zeroed per-slot cache for {@link fillHistogram}, shared by every series of one histogram family. */
export function histogramCdfCache(shape: HistogramShape, slots: number): Float64Array {
  return new Float64Array(slots * (shape.buckets.length + 1));
}

function fillCdfRow(shape: HistogramShape, lnMedian: number, sens: number, load: number, cdf: Float64Array, row: number): void {
  const nb = shape.buckets.length;
  const f = 1 + sens * (load - 1);
  const lnMed = lnMedian + Math.log(f > 0.1 ? f : 0.1);
  for (let j = 0; j < nb; j++) cdf[row + j] = logNormalCdf(shape.buckets[j], lnMed, shape.sigma);
  cdf[row + nb] = Math.exp(lnMed + (shape.sigma * shape.sigma) / 2);
}
