/**
 * Go's pure-Go sin, cos, tan, atan, asin and acos (Cephes algorithms, src/math), so
 * PromQL's trigonometric functions give the same bits as Prometheus on amd64, where Go
 * uses no assembly or fused multiply-add for them. V8's fdlibm-based Math.sin etc.
 * differ from Go in the last bit for some inputs (e.g. sin(10), tan(10), atan(10)).
 *
 * Known difference from Prometheus: for |x| ≥ 2^29 Go reduces the argument with
 * Payne–Hanek (trigReduce); here such arguments fall back to Math.sin/cos/tan, which
 * reduce exactly as well but may differ in the last bit.
 */

// Coefficients of the Cephes polynomials, as Go's math package spells them.
const SIN0 = 1.58962301576546568060e-10;
const SIN1 = -2.50507477628578072866e-8;
const SIN2 = 2.75573136213857245213e-6;
const SIN3 = -1.98412698295895385996e-4;
const SIN4 = 8.33333333332211858878e-3;
const SIN5 = -1.66666666666666307295e-1;
const COS0 = -1.13585365213876817300e-11;
const COS1 = 2.08757008419747316778e-9;
const COS2 = -2.75573141792967388112e-7;
const COS3 = 2.48015872888517045348e-5;
const COS4 = -1.38888888888730564116e-3;
const COS5 = 4.16666666666665929218e-2;
const TANP0 = -1.30936939181383777646e4;
const TANP1 = 1.15351664838587416140e6;
const TANP2 = -1.79565251976484877988e7;
const TANQ1 = 1.36812963470692954678e4;
const TANQ2 = -1.32089234440210967447e6;
const TANQ3 = 2.50083801823357915839e7;
const TANQ4 = -5.38695755929454629881e7;

// π/4 split into three parts for extended-precision reduction.
const PI4A = 7.85398125648498535156e-1;
const PI4B = 3.77489470793079817668e-8;
const PI4C = 2.69515142907905952645e-15;
/** Go's constant 4/Pi, rounded once (JS's 4 / Math.PI could round differently). */
const FOUR_OVER_PI = 1.27323954473516268615107010698;
/** Above this, Go switches to Payne–Hanek reduction. */
const REDUCE_THRESHOLD = 1 << 29;

// Reduction result: octant and reduced argument. Module-level to stay allocation-free.
let octant = 0;
let reduced = 0;

/** Cody–Waite reduction of x ≥ 0 (x < 2^29) into octant j (zeros mapped to the origin) and z. */
function reduce(x: number, mod8: boolean): void {
  let j = Math.trunc(x * FOUR_OVER_PI);
  let y = j;
  if ((j & 1) === 1) {
    j++;
    y++;
  }
  if (mod8) j &= 7;
  octant = j;
  reduced = x - y * PI4A - y * PI4B - y * PI4C;
}

function sinPoly(z: number, zz: number): number {
  return z + z * zz * ((((((SIN0 * zz + SIN1) * zz + SIN2) * zz + SIN3) * zz + SIN4) * zz) + SIN5);
}

function cosPoly(zz: number): number {
  return 1.0 - 0.5 * zz + zz * zz * ((((((COS0 * zz + COS1) * zz + COS2) * zz + COS3) * zz + COS4) * zz) + COS5);
}

/** Go's math.Sin. */
export function goSin(x: number): number {
  if (x === 0 || x !== x) return x;
  if (x === Infinity || x === -Infinity) return NaN;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x >= REDUCE_THRESHOLD) return sign ? -Math.sin(x) : Math.sin(x);
  reduce(x, true);
  let j = octant;
  const z = reduced;
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  const zz = z * z;
  const y = j === 1 || j === 2 ? cosPoly(zz) : sinPoly(z, zz);
  return sign ? -y : y;
}

/** Go's math.Cos. */
export function goCos(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  x = Math.abs(x);
  if (x >= REDUCE_THRESHOLD) return Math.cos(x);
  reduce(x, true);
  let j = octant;
  const z = reduced;
  let sign = false;
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  const zz = z * z;
  const y = j === 1 || j === 2 ? sinPoly(z, zz) : cosPoly(zz);
  return sign ? -y : y;
}

/** Go's math.Tan. */
export function goTan(x: number): number {
  if (x === 0 || x !== x) return x;
  if (x === Infinity || x === -Infinity) return NaN;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x >= REDUCE_THRESHOLD) return sign ? -Math.tan(x) : Math.tan(x);
  reduce(x, false);
  const j = octant;
  const z = reduced;
  const zz = z * z;
  let y: number;
  if (zz > 1e-14) {
    y = z + z * ((zz * ((TANP0 * zz + TANP1) * zz + TANP2)) / ((((zz + TANQ1) * zz + TANQ2) * zz + TANQ3) * zz + TANQ4));
  } else y = z;
  if ((j & 2) === 2) y = -1 / y;
  return sign ? -y : y;
}

/** Cephes atan series on [0, 0.66] (Go's xatan). */
function xatan(x: number): number {
  const z = x * x;
  const r =
    (z * ((((-8.750608600031904122785e-1 * z - 1.615753718733365076637e1) * z - 7.500855792314704667340e1) * z - 1.228866684490136173410e2) * z -
      6.485021904942025371773e1)) /
    (((((z + 2.485846490142306297962e1) * z + 1.650270098316988542046e2) * z + 4.328810604912902668951e2) * z + 4.853903996359136964868e2) * z +
      1.945506571482613964425e2);
  return x * r + x;
}

const MOREBITS = 6.123233995736765886130e-17; // π/2 = PIO2 + MOREBITS
const TAN3PIO8 = 2.41421356237309504880; // tan(3π/8)

/** Go's satan: atan of x > 0 via reduction to [0, 0.66]. */
function satan(x: number): number {
  if (x <= 0.66) return xatan(x);
  if (x > TAN3PIO8) return Math.PI / 2 - xatan(1 / x) + MOREBITS;
  return Math.PI / 4 + xatan((x - 1) / (x + 1)) + 0.5 * MOREBITS;
}

/** Go's math.Atan. */
export function goAtan(x: number): number {
  if (x === 0 || x !== x) return x;
  return x > 0 ? satan(x) : -satan(-x);
}

/** Go's math.Asin. */
export function goAsin(x: number): number {
  if (x === 0) return x;
  let sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x > 1 || x !== x) return NaN;
  let temp = Math.sqrt(1 - x * x);
  if (x > 0.7) temp = Math.PI / 2 - satan(temp / x);
  else temp = satan(x / temp);
  return sign ? -temp : temp;
}

/** Go's math.Acos: π/2 − Asin(x). */
export function goAcos(x: number): number {
  return Math.PI / 2 - goAsin(x);
}

// Go's math.Log constants (FreeBSD e_log.c coefficients).
const LN2HI = 6.93147180369123816490e-1;
const LN2LO = 1.90821492927058770002e-10;
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const HSQRT2 = 7.07106781186547524401e-1;
const SMALLEST_NORMAL = 2.2250738585072014e-308;

const logBits = new Float64Array(1);
const logWords = new Uint32Array(logBits.buffer);
const LOG_HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Go's math.Log as amd64 computes it (archLog, src/math/log_amd64.s: the algorithm of
 * log.go with the halving test written `f1 <= √2/2`). V8's Math.log (fdlibm) uses a
 * different reduction and differs in the last bit for some inputs, e.g. ln(0.625).
 * Subnormal inputs are normalized first, as the pure-Go log does.
 */
export function goLog(x: number): number {
  if (x === 0) return -Infinity;
  if (x < 0) return NaN;
  if (x !== x || x === Infinity) return x;
  let expAdjust = 0;
  if (x < SMALLEST_NORMAL) {
    x *= 4503599627370496; // 2^52
    expAdjust = -52;
  }
  // Frexp: x = f1 · 2^k with f1 in [0.5, 1).
  logBits[0] = x;
  const hi = logWords[LOG_HI];
  let k = ((hi >>> 20) & 0x7ff) - 0x3fe + expAdjust;
  logWords[LOG_HI] = (hi & 0x000fffff) | 0x3fe00000;
  let f1 = logBits[0];
  if (!(HSQRT2 < f1)) {
    k -= 1;
    f1 *= 2;
  }
  const f = f1 - 1;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (LG1 + s4 * (LG3 + s4 * (LG5 + s4 * LG7)));
  const t2 = s4 * (LG2 + s4 * (LG4 + s4 * LG6));
  const r = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2HI - (hfsq - (s * (hfsq + r) + k * LN2LO) - f);
}
