/**
 * Float arithmetic and comparison of PromQL binary operators, shared by both evaluators.
 * Pure functions of two floats; no labels, no allocation.
 */
import type { BinaryOp } from '../parser/ast.ts';

/** True for the operators whose result has a different meaning than its operands (Prometheus `changesMetricSchema`). */
export function changesMetricSchema(op: BinaryOp): boolean {
  return op === '+' || op === '-' || op === '*' || op === '/' || op === '^' || op === '%' || op === 'atan2';
}

/** True for `== != > < >= <=`. */
export function isComparisonOp(op: BinaryOp): boolean {
  return op === '==' || op === '!=' || op === '>' || op === '<' || op === '>=' || op === '<=';
}

/** True for the set operators `and`, `or`, `unless`. */
export function isSetOp(op: BinaryOp): boolean {
  return op === 'and' || op === 'or' || op === 'unless';
}

/**
 * Go's `math.Mod`: the remainder of x/y with the sign of x. JS `%` has the same
 * semantics for finite values, ±Inf and NaN (Mod(±Inf, y) = NaN, Mod(x, 0) = NaN,
 * Mod(x, ±Inf) = x), so this is a thin alias kept for readability.
 */
function goMod(x: number, y: number): number {
  return x % y;
}

/**
 * Go's `math.Pow` for the cases where it differs from JS `**`: Go returns 1 for
 * Pow(1, ±Inf) and Pow(1, NaN) and Pow(-1, ±Inf); JS returns NaN.
 */
export function goPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  if ((x === -1) && (y === Infinity || y === -Infinity)) return 1;
  return x ** y;
}

/**
 * The value of an arithmetic operator (`+ - * / % ^ atan2`). For comparison operators use
 * {@link compareFloats}. Mirrors scalarBinop/vectorElemBinop, promql/engine.go.
 * Throws RangeError for a set or comparison operator.
 */
export function arithmetic(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+': return l + r;
    case '-': return l - r;
    case '*': return l * r;
    case '/': return l / r;
    case '%': return goMod(l, r);
    case '^': return goPow(l, r);
    case 'atan2': return Math.atan2(l, r);
    default: throw new RangeError(`operator ${op} is not arithmetic`);
  }
}

/** The truth of a comparison operator. Throws RangeError for any other operator. */
export function compareFloats(op: BinaryOp, l: number, r: number): boolean {
  switch (op) {
    case '==': return l === r;
    case '!=': return l !== r;
    case '>': return l > r;
    case '<': return l < r;
    case '>=': return l >= r;
    case '<=': return l <= r;
    default: throw new RangeError(`operator ${op} is not a comparison`);
  }
}

/**
 * A binary operator between two scalars: comparisons give 1 or 0 (scalar comparisons
 * always need `bool`, so they never filter). Mirrors scalarBinop, promql/engine.go.
 */
export function scalarBinop(op: BinaryOp, l: number, r: number): number {
  if (isComparisonOp(op)) return compareFloats(op, l, r) ? 1 : 0;
  return arithmetic(op, l, r);
}

/**
 * Result of a binary operator between two float samples, written into `out`:
 * `out.value` the value (for a filtering comparison the left value), `out.keep` whether
 * the sample survives (always true for arithmetic). Mirrors vectorElemBinop (float case).
 * The caller reuses one `out` object, so nothing is allocated per sample.
 */
export function vectorElemBinop(op: BinaryOp, l: number, r: number, out: { value: number; keep: boolean }): void {
  if (isComparisonOp(op)) {
    out.value = l;
    out.keep = compareFloats(op, l, r);
    return;
  }
  out.value = arithmetic(op, l, r);
  out.keep = true;
}
