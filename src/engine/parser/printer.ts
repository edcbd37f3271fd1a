/**
 * Canonical PromQL text of an AST, exactly as Prometheus's `String()` methods print it
 * (promql/parser/printer.go): `sum by (a) (x)`, `a - on (b) group_left () c`,
 * `x{a="b"}[5m] anchored @ 10.000 offset 1m`, sorted matchers joined by `,`, and
 * duration expressions as written. Parsing the output gives the same tree (modulo ranges).
 */
import { goQuote } from '../model/strings.ts';
import type { Matcher } from '../model/matcher.ts';
import { METRIC_NAME } from '../model/labels.ts';
import type { AggregateExpr, BinaryExpr, DurationExpr, Expr, MatrixSelector, SubqueryExpr, VectorMatching, VectorSelector } from './ast.ts';
import { formatDurationMs } from './number.ts';

const AGGREGATORS_WITH_PARAM = new Set(['topk', 'bottomk', 'count_values', 'quantile', 'limitk', 'limit_ratio']);
const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Expands JS exponent notation (`1e+21`, `5e-7`) into plain digits. */
function expandExponent(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4]);
  const point = 1 + exp;
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return m[1] + digits + '0'.repeat(point - digits.length);
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Go's `strconv.FormatFloat(v, 'f', -1, 64)`: shortest digits, never an exponent. */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  return expandExponent(String(v));
}

/** Go's `%v` / `strconv.FormatFloat(v, 'g', -1, 64)` for a float64. */
export function formatFloatG(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const e = v.toExponential(); // shortest round-trip digits, e.g. "1.5e+6"
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e)!;
  const exp = Number(m[4]);
  // strconv uses %e when the exponent is < -4 or >= 6 for shortest formatting.
  if (exp < -4 || exp >= 6) {
    const absExp = Math.abs(exp);
    return `${m[1]}${m[2]}${m[3] ? '.' + m[3] : ''}e${exp < 0 ? '-' : '+'}${absExp < 10 ? '0' + absExp : absExp}`;
  }
  return expandExponent(String(v));
}

function writeLabels(names: readonly string[]): string {
  return names.map((n) => (LEGACY_NAME.test(n) ? n : goQuote(n))).join(', ');
}

/** Prometheus `Matcher.String()`: the label name is quoted unless it is a legacy name. */
export function printMatcher(m: Matcher): string {
  return `${LEGACY_NAME.test(m.name) ? m.name : goQuote(m.name)}${m.type}${goQuote(m.value)}`;
}

function printDuration(ms: number): string {
  return formatDurationMs(ms);
}

function printOffset(offsetMs: number, offsetExpr: DurationExpr | null, source: DurationExpr | undefined): string {
  const expr = offsetExpr ?? source;
  if (expr) return ` offset ${printDurationExpr(expr)}`;
  if (offsetMs > 0) return ` offset ${printDuration(offsetMs)}`;
  if (offsetMs < 0) return ` offset -${printDuration(-offsetMs)}`;
  return '';
}

function printAt(timestampMs: number | null, startOrEnd: VectorSelector['startOrEnd']): string {
  if (timestampMs !== null) return ` @ ${(timestampMs / 1000).toFixed(3)}`;
  if (startOrEnd === 'start') return ' @ start()';
  if (startOrEnd === 'end') return ' @ end()';
  return '';
}

/** A duration expression as Prometheus prints it (DurationExpr.writeTo / NumberLiteral.String). */
export function printDurationExpr(d: DurationExpr): string {
  switch (d.op) {
    case 'num': {
      const seconds = d.valueMs! / 1000;
      if (!d.isDuration) return formatFloatF(seconds);
      return seconds < 0 ? `-${printDuration(Math.trunc(-d.valueMs!))}` : printDuration(Math.trunc(d.valueMs!));
    }
    case 'step': return 'step()';
    case 'range': return 'range()';
    case 'min_of':
    case 'max_of':
      return `${d.op}(${printDurationExpr(d.lhs!)}, ${printDurationExpr(d.rhs!)})`;
    case 'paren': return `(${printDurationExpr(d.rhs!)})`;
    case 'neg': return `-${printDurationExpr(d.rhs!)}`;
  }
  return `${printDurationExpr(d.lhs!)} ${d.op} ${printDurationExpr(d.rhs!)}`;
}

function printMatching(vm: VectorMatching | null): string {
  if (vm === null) return '';
  let out = '';
  const grouped = vm.card === 'many-to-one' || vm.card === 'one-to-many';
  if (vm.matchingLabels.length > 0 || vm.on || grouped) {
    out += ` ${vm.on ? 'on' : 'ignoring'} (${writeLabels(vm.matchingLabels)})`;
  }
  if (grouped) out += ` group_${vm.card === 'many-to-one' ? 'left' : 'right'} (${writeLabels(vm.include)})`;
  if (vm.fillLeft !== null || vm.fillRight !== null) {
    if (vm.fillLeft !== null && vm.fillRight !== null && vm.fillLeft === vm.fillRight) {
      out += ` fill (${formatFloatG(vm.fillLeft)})`;
    } else {
      if (vm.fillLeft !== null) out += ` fill_left (${formatFloatG(vm.fillLeft)})`;
      if (vm.fillRight !== null) out += ` fill_right (${formatFloatG(vm.fillRight)})`;
    }
  }
  return out;
}

/** The selector's name and matchers only (no `@`, modifiers or offset). */
function printSelectorBody(vs: VectorSelector): string {
  const name = vs.nameInBraces ? '' : vs.name;
  const parts: string[] = [];
  for (const m of vs.matchers) {
    // The matcher implied by the name outside the braces is not printed again.
    if (m.name === METRIC_NAME && m.type === '=' && m.value === name && m.value !== '') continue;
    parts.push(printMatcher(m));
  }
  // Go's sort.Strings: byte order, which for these strings equals code-unit order except for astral characters.
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.length > 0 ? `${name}{${parts.join(',')}}` : name;
}

function printVectorSelector(vs: VectorSelector): string {
  let out = printSelectorBody(vs) + printAt(vs.timestampMs, vs.startOrEnd);
  if (vs.anchored) out += ' anchored';
  else if (vs.smoothed) out += ' smoothed';
  return out + printOffset(vs.offsetMs, vs.offsetExpr, vs.offsetSource);
}

function printMatrixSelector(m: MatrixSelector): string {
  const vs = m.vectorSelector;
  const range = m.rangeExpr ?? m.rangeSource;
  const rangeStr = range ? printDurationExpr(range) : printDuration(m.rangeMs);
  const ext = vs.anchored ? ' anchored' : vs.smoothed ? ' smoothed' : '';
  return `${printSelectorBody(vs)}[${rangeStr}]${ext}${printAt(vs.timestampMs, vs.startOrEnd)}${printOffset(vs.offsetMs, vs.offsetExpr, vs.offsetSource)}`;
}

function printSubquery(s: SubqueryExpr): string {
  const range = s.rangeExpr ?? s.rangeSource;
  const rangeStr = range ? printDurationExpr(range) : printDuration(s.rangeMs);
  const stepExpr = s.stepExpr ?? s.stepSource;
  let step = '';
  if (stepExpr) step = printDurationExpr(stepExpr);
  else if (s.stepMs !== 0) step = printDuration(s.stepMs);
  return `${printExpr(s.expr)}[${rangeStr}:${step}]${printAt(s.timestampMs, s.startOrEnd)}${printOffset(s.offsetMs, s.offsetExpr, s.offsetSource)}`;
}

/** `sum`, `sum by (a) ` or `sum without (a) ` (Prometheus `writeAggOpStr`; note the trailing space). */
export function printAggregateOp(e: AggregateExpr): string {
  if (e.without) return `${e.op} without (${writeLabels(e.grouping)}) `;
  if (e.grouping.length > 0) return `${e.op} by (${writeLabels(e.grouping)}) `;
  return e.op;
}

/** The operator with its modifiers: `+`, `== bool`, `* on (a) group_left (b)` (BinaryExpr.ShortString). */
export function printBinaryOp(e: BinaryExpr): string {
  return `${e.op}${e.returnBool ? ' bool' : ''}${printMatching(e.matching)}`;
}

/**
 * The label of a node in the explain view: its canonical PromQL ({@link printExpr};
 * StepInvariantExpr prints as its inner expression), or its AST type should printing fail.
 */
export function printNodeLabel(e: Expr): string {
  try {
    return printExpr(e);
  } catch {
    return e.type;
  }
}

/** Prints an expression as Prometheus's `Expr.String()` does. */
export function printExpr(e: Expr): string {
  switch (e.type) {
    case 'AggregateExpr': {
      let out = printAggregateOp(e) + '(';
      if (AGGREGATORS_WITH_PARAM.has(e.op) && e.param !== null) out += printExpr(e.param) + ', ';
      return out + printExpr(e.expr) + ')';
    }
    case 'BinaryExpr': {
      // Left-deep chains (`a + b + c + …`) are printed iteratively, not by recursion.
      const tails: string[] = [];
      let n: Expr = e;
      while (n.type === 'BinaryExpr') {
        tails.push(` ${printBinaryOp(n)} ${printExpr(n.rhs)}`);
        n = n.lhs;
      }
      let out = printExpr(n);
      for (let i = tails.length - 1; i >= 0; i--) out += tails[i];
      return out;
    }
    case 'Call':
      return `${e.func.name}(${e.args.map(printExpr).join(', ')})`;
    case 'MatrixSelector':
      return printMatrixSelector(e);
    case 'SubqueryExpr':
      return printSubquery(e);
    case 'NumberLiteral':
      if (e.duration) {
        const ms = Math.trunc(e.value * 1000);
        return e.value < 0 ? `-${printDuration(-ms)}` : printDuration(ms);
      }
      return formatFloatF(e.value);
    case 'ParenExpr':
      return `(${printExpr(e.expr)})`;
    case 'StringLiteral':
      return goQuote(e.value);
    case 'UnaryExpr':
      return e.op + printExpr(e.expr);
    case 'VectorSelector':
      return printVectorSelector(e);
    case 'StepInvariantExpr':
      return printExpr(e.expr);
  }
}
