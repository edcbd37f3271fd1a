/**
 * Go's float formatting for the error and annotation texts kernels produce, so the
 * messages match Prometheus byte for byte.
 */

/** Go's `%g` (`strconv.FormatFloat(x, 'g', -1, 64)`): shortest round-trip digits, exponent form when the decimal exponent is < −4 or ≥ 6. */
export function goFormatG(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // toExponential() without an argument yields the shortest round-trip digits, as Go's
  // shortest formatting does.
  const [mant, expStr] = x.toExponential().split('e');
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  // Shortest %g uses exponent form when exp < -4 || exp >= eprec, with eprec = 6
  // (strconv/ftoa.go: "if shortest { eprec = 6 }").
  return layoutG(neg, digits, exp, 6);
}

/** Go's `%f`: six decimals, round half to even on the exact binary value. */
export function goFormatF(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e21) {
    // Doubles this large are integers; BigInt prints them exactly.
    s = BigInt(a).toString() + '.000000';
  } else {
    s = a.toFixed(6);
    // toFixed rounds exact ties away from zero; Go rounds them to even.
    const exact = a.toFixed(30);
    const dot = exact.indexOf('.');
    const rest = exact.slice(dot + 7);
    if (rest[0] === '5' && /^50*$/.test(rest)) {
      const lastKept = Number(exact[dot + 6]);
      if (lastKept % 2 === 0) s = exact.slice(0, dot + 7);
    }
  }
  return (neg ? '-' : '') + s;
}

/**
 * Go's `%.<prec>g` (prec ≥ 1): `prec` significant digits rounded half to even on the
 * exact binary value, trailing zeros removed, exponent form when the decimal exponent
 * is < −4 or ≥ prec.
 */
export function goFormatGPrecision(x: number, prec: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const neg = x < 0;
  const a = Math.abs(x);
  // toExponential(prec - 1) rounds ties away from zero; Go rounds them to even.
  let [mant, expStr] = a.toExponential(prec - 1).split('e');
  const exact = a.toExponential(Math.min(100, prec + 60));
  const exactDigits = exact.split('e')[0].replace('.', '');
  const tail = exactDigits.slice(prec);
  if (/^50*$/.test(tail) && exact.split('e')[1] === a.toExponential(prec - 1).split('e')[1]) {
    const kept = exactDigits.slice(0, prec);
    if (Number(kept[kept.length - 1]) % 2 === 0) {
      mant = kept.length > 1 ? kept[0] + '.' + kept.slice(1) : kept;
      expStr = exact.split('e')[1];
    }
  }
  let digits = mant.replace('.', '').replace(/0+$/, '');
  if (digits === '') digits = '0';
  const exp = Number(expStr);
  return layoutG(neg, digits, exp, prec);
}

/**
 * Lays out `%g` digits (significant digits without a point, no trailing zeros needed)
 * of a number with decimal exponent `exp`: exponent form (`d.ddde±XX`, at least two
 * exponent digits) when exp < −4 or exp ≥ eprec, else plain decimals. Mirrors the `%e`/`%f`
 * choice in fmtG, strconv/ftoa.go.
 */
function layoutG(neg: boolean, digits: string, exp: number, eprec: number): string {
  const sign = neg ? '-' : '';
  if (exp < -4 || exp >= eprec) {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const absExp = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${absExp < 10 ? '0' + absExp : absExp}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/**
 * Prometheus's `labels.FormatOpenMetricsFloat` (model/labels/float.go): `%g` digits,
 * with `.0` appended when they contain neither `.` nor an exponent (`1.0`, `2.0`,
 * `0.5`, `1e+06`, `NaN`, `+Inf`). Used for histogram_quantiles' quantile label.
 */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 0) return '0.0'; // also −0, as upstream's `f == 0` case
  if (f !== f) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const s = goFormatG(f);
  return /[e.]/.test(s) ? s : s + '.0';
}
