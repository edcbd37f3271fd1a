/**
 * `count_values` helper shared by both evaluators: the label value of a float (Go's
 * `strconv.FormatFloat(f, 'f', -1, 64)`).
 */
/**
 * Go's `strconv.FormatFloat(f, 'f', -1, 64)`: the shortest digits that round-trip, in
 * plain positional notation (never an exponent): 1e21 → "1000000000000000000000",
 * 1e-7 → "0.0000001", +Inf → "+Inf", NaN → "NaN".
 */
export function formatFloatPlain(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const s = f.toString();
  if (!s.includes('e')) return s;
  const neg = f < 0;
  const [mant, expStr] = Math.abs(f).toExponential().split('e');
  const exp = Number(expStr);
  const digits = mant.replace('.', '');
  let out: string;
  if (exp >= 0) {
    out = digits.length <= exp + 1 ? digits + '0'.repeat(exp + 1 - digits.length) : digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  } else {
    out = '0.' + '0'.repeat(-exp - 1) + digits;
  }
  return neg ? '-' + out : out;
}

/** Prometheus's label-name check for count_values' label (kept here for existing importers). */
export { isValidLabelNameUtf8 as isValidLabelName } from './label-functions.ts';
