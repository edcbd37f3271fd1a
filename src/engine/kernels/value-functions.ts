/**
 * Element-wise float functions (`abs`, `ln`, `sin`, …), plus round and clamp which take
 * extra scalar arguments.
 *
 * sin, cos, tan, asin, acos, atan and ln are ports of Go's implementations
 * (go-math.ts), bit-identical with Prometheus on amd64; log2 and log10 follow Go's
 * formulas on top of that ln. sqrt, floor, ceil and abs are exact everywhere.
 * Known difference from Prometheus: exp, sinh, cosh, tanh, asinh, acosh and atanh use
 * JS's Math (fdlibm in V8). Go's amd64 Exp is assembly that uses fused multiply-add
 * when the CPU has it, so even Prometheus's own results vary by machine in the last
 * bit; the special values (±0, ±Inf, NaN, domain errors) agree.
 */
import { goAcos, goAsin, goAtan, goCos, goLog, goSin, goTan } from './go-math.ts';
import type { ValueKernel } from './types.ts';

// Go's untyped constants are exact until rounded once to float64; these literals round
// to the same doubles (1/Ln2 = Log2E, 1/Ln10 = Log10E).
const INV_LN2 = 1.442695040888963407359924681001892137;
const INV_LN10 = 0.434294481903251827651128918916605082294;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the high 32 bits of a float64 in the platform's byte order.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Go's math.Log2: exact for powers of two, otherwise Log(frac)·(1/Ln2) + exp from Frexp.
 * Mirrors log2, Go src/math/log10.go.
 */
export function goLog2(x: number): number {
  // Frexp leaves ±0, ±Inf and NaN as they are with exponent 0.
  if (x === 0 || x !== x || x === Infinity || x === -Infinity) return goLog(x) * INV_LN2;
  let a = x;
  let expAdjust = 0;
  if (Math.abs(a) < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first (as Go's normalize does).
    a *= 4503599627370496; // 2^52
    expAdjust = -52;
  }
  f64[0] = a;
  const hi = u32[HI];
  const exp = ((hi >>> 20) & 0x7ff) - 1022 + expAdjust;
  // Replace the exponent so that |frac| is in [0.5, 1).
  u32[HI] = (hi & 0x800fffff) | (1022 << 20);
  const frac = f64[0];
  if (frac === 0.5) return exp - 1;
  return goLog(frac) * INV_LN2 + exp;
}

/** Go's math.Log10: Log(x)·(1/Ln10). Mirrors log10, Go src/math/log10.go. */
export function goLog10(x: number): number {
  return goLog(x) * INV_LN10;
}

/** `sgn`: −1, 1, or the value itself for ±0 and NaN. Mirrors funcSgn. */
export const sgn: ValueKernel = (v) => (v < 0 ? -1 : v > 0 ? 1 : v);

/** `rad`: degrees to radians, `v·π/180` in that order. Mirrors funcRad. */
export const rad: ValueKernel = (v) => (v * Math.PI) / 180;

/** `deg`: radians to degrees, `v·180/π` in that order. Mirrors funcDeg. */
export const deg: ValueKernel = (v) => (v * 180) / Math.PI;

/**
 * `round(v, toNearest)`: rounds to the nearest multiple of `toNearest`, ties up, via the
 * inverse (`floor(v·(1/toNearest) + 0.5) / (1/toNearest)`). Mirrors funcRound.
 */
export function roundToNearest(v: number, toNearest = 1): number {
  const inv = 1 / toNearest;
  return Math.floor(v * inv + 0.5) / inv;
}

/**
 * `clamp(v, min, max)` for one value: `max(min, min(max, v))` with Go's NaN rules (which
 * JS's Math.max/min share). The caller must first check {@link clampIsEmpty}.
 * clamp_min is `clampValue(v, min, +Inf)`, clamp_max `clampValue(v, -Inf, max)`.
 * Mirrors clamp, promql/functions.go.
 */
export function clampValue(v: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, v));
}

/** True when clamp yields an empty vector (`max < min`; NaN bounds do not). */
export function clampIsEmpty(min: number, max: number): boolean {
  return max < min;
}

/** The one-argument float functions keyed by PromQL name. */
export const valueKernels: Readonly<Record<string, ValueKernel>> = Object.freeze({
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: goLog,
  log2: goLog2,
  log10: goLog10,
  sin: goSin,
  cos: goCos,
  tan: goTan,
  asin: goAsin,
  acos: goAcos,
  atan: goAtan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  rad,
  deg,
  sgn,
});
