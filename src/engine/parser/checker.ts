/**
 * Type checking of a parsed expression with Prometheus's rules and messages. Mirrors
 * `checkAST` (promql/parser/parse.go): arities and argument types of calls, aggregation
 * parameters, binary operand types and matching modifiers, unary operands, subqueries,
 * and the vector-selector rules (metric name set twice, at least one non-empty matcher).
 * It also normalises the tree as upstream does: set operators become many-to-many, and
 * vector matching is dropped when a side is not an instant vector.
 */
import { goQuote } from '../model/strings.ts';
import { METRIC_NAME } from '../model/labels.ts';
import type { PosRange } from '../model/position.ts';
import type { BinaryExpr, Expr, ValueType, VectorSelector } from './ast.ts';
import { isSpace } from './lexer.ts';
import type { RawParseError } from './parse-error.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The static type of an expression (Prometheus `Expr.Type()`). */
export function exprType(e: Expr): ValueType {
  // Iterates down left-deep operator chains (`a + b + c + …`) instead of recursing.
  while (e.type === 'BinaryExpr') {
    if (exprType(e.rhs) !== 'scalar') return 'vector';
    e = e.lhs;
    if (e.type !== 'BinaryExpr') return exprType(e) === 'scalar' ? 'scalar' : 'vector';
  }
  switch (e.type) {
    case 'AggregateExpr':
    case 'VectorSelector':
      return 'vector';
    case 'Call':
      return e.func.returnType;
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return exprType(e.expr);
  }
}

/** Prometheus `DocumentedType`: the type names used in messages. */
export function documentedType(t: ValueType): string {
  if (t === 'vector') return 'instant vector';
  if (t === 'matrix') return 'range vector';
  return t;
}

const COMPARISON_OPS = new Set(['==', '!=', '<=', '<', '>=', '>']);
const SET_OPS = new Set(['and', 'or', 'unless']);

class Checker {
  readonly errors: RawParseError[] = [];
  /** Selectors exempt from the non-empty-matcher rule (the label selector argument of info()). */
  private readonly bypass = new Set<VectorSelector>();

  constructor(private readonly input: string) {}

  private err(range: PosRange, message: string): void {
    this.errors.push({ range, message });
  }

  private expectType(node: Expr, want: ValueType, context: string): void {
    const t = this.check(node);
    if (t !== want) this.err(node.range, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
  }

  /** The operator's range between the operands, with surrounding white space trimmed. */
  private opRange(n: BinaryExpr): PosRange {
    let from = n.lhs.range.to;
    while (from < this.input.length && isSpace(this.input.charCodeAt(from))) from++;
    let to = n.rhs.range.from - 1;
    while (to > 0 && isSpace(this.input.charCodeAt(to))) to--;
    return { from, to };
  }

  check(node: Expr): ValueType {
    if (node.type === 'BinaryExpr') return this.checkBinaryChain(node);
    const typ = exprType(node);
    switch (node.type) {
      case 'AggregateExpr':
        this.expectType(node.expr, 'vector', 'aggregation expression');
        if (node.param !== null) {
          if (node.op === 'count_values') this.expectType(node.param, 'string', 'aggregation parameter');
          else this.expectType(node.param, 'scalar', 'aggregation parameter');
        }
        break;
      case 'Call': {
        const f = node.func;
        const nargs = f.argTypes.length;
        if (f.variadic === 0) {
          if (nargs !== node.args.length) {
            this.err(node.range, `expected ${nargs} argument(s) in call to ${goQuote(f.name)}, got ${node.args.length}`);
          }
        } else {
          const na = nargs - 1;
          if (na > node.args.length) {
            this.err(node.range, `expected at least ${na} argument(s) in call to ${goQuote(f.name)}, got ${node.args.length}`);
          } else if (f.variadic > 0 && na + f.variadic < node.args.length) {
            this.err(node.range, `expected at most ${na + f.variadic} argument(s) in call to ${goQuote(f.name)}, got ${node.args.length}`);
          }
        }
        if (f.name === 'info' && node.args.length > 1) {
          const sel = node.args[1];
          const t = exprType(sel);
          if (t !== 'vector') {
            this.err(node.range, `expected type ${documentedType('vector')} in call to function "info", got ${documentedType(t)}`);
          }
          if (sel.type === 'VectorSelector' && sel.name !== '' && !sel.nameInBraces) {
            this.err(sel.range, 'expected label selectors only, got vector selector instead');
          } else if (sel.type === 'VectorSelector') {
            this.bypass.add(sel);
          } else {
            this.err(sel.range, 'expected label selectors only');
          }
        }
        for (let i = 0; i < node.args.length; i++) {
          let k = i;
          if (k >= nargs) {
            if (f.variadic === 0) break;
            k = nargs - 1;
          }
          const t = this.check(node.args[i]);
          if (t !== f.argTypes[k]) {
            this.err(node.args[i].range, `expected type ${documentedType(f.argTypes[k])} in call to function ${goQuote(f.name)}, got ${documentedType(t)}`);
          }
        }
        break;
      }
      case 'ParenExpr':
      case 'StepInvariantExpr':
        this.check(node.expr);
        break;
      case 'UnaryExpr': {
        const t = this.check(node.expr);
        if (t !== 'scalar' && t !== 'vector') {
          this.err(node.range, `unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(documentedType(t))}`);
        }
        break;
      }
      case 'SubqueryExpr': {
        const t = this.check(node.expr);
        if (t !== 'vector') this.err(node.range, `subquery is only allowed on instant vector, got ${t} instead`);
        break;
      }
      case 'MatrixSelector':
        this.check(node.vectorSelector);
        break;
      case 'VectorSelector':
        this.checkSelector(node);
        break;
      case 'NumberLiteral':
      case 'StringLiteral':
        break;
    }
    return typ;
  }

  private checkSelector(n: VectorSelector): void {
    if (n.name !== '' && !n.nameInBraces) {
      // The last matcher is the one for the name outside the braces.
      for (let i = 0; i < n.matchers.length - 1; i++) {
        const m = n.matchers[i];
        if (m.name === METRIC_NAME) this.err(n.range, `metric name must not be set twice: ${goQuote(n.name)} or ${goQuote(m.value)}`);
      }
      return;
    }
    if (this.bypass.has(n)) return;
    // At least one matcher must reject the empty string, so a typo cannot select everything.
    if (!n.matchers.some((m) => !m.matches(''))) this.err(n.range, 'vector selector must contain at least one non-empty matcher');
  }

  /**
   * Checks a left-deep chain of binary expressions without recursing along it, in the
   * same order as upstream's recursion (each node's left side, then its right side,
   * then the node), and returns the type of the chain's top.
   */
  private checkBinaryChain(top: BinaryExpr): ValueType {
    const spine: Mutable<BinaryExpr>[] = [];
    let e: Expr = top;
    while (e.type === 'BinaryExpr') {
      spine.push(e as Mutable<BinaryExpr>);
      e = e.lhs;
    }
    let lt = this.check(e);
    for (let i = spine.length - 1; i >= 0; i--) {
      const n = spine[i];
      const rt = this.check(n.rhs);
      this.checkBinary(n, lt, rt);
      lt = lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
    }
    return lt;
  }

  private checkBinary(n: Mutable<BinaryExpr>, lt: ValueType, rt: ValueType): void {
    const vm = n.matching as Mutable<NonNullable<BinaryExpr['matching']>> | null;
    if (n.returnBool && !COMPARISON_OPS.has(n.op)) this.err(this.opRange(n), 'bool modifier can only be used on comparison operators');
    if (COMPARISON_OPS.has(n.op) && !n.returnBool && rt === 'scalar' && lt === 'scalar') {
      this.err(this.opRange(n), 'comparisons between scalars must use BOOL modifier');
    }
    if (vm && SET_OPS.has(n.op) && vm.card === 'one-to-one') vm.card = 'many-to-many';
    if (vm && vm.on) {
      for (const l1 of vm.matchingLabels) {
        for (const l2 of vm.include) {
          if (l1 === l2) this.err(this.opRange(n), `label ${goQuote(l1)} must not occur in ON and GROUP clause at once`);
        }
      }
    }
    if (lt !== 'scalar' && lt !== 'vector') this.err(n.lhs.range, 'binary expression must contain only scalar and instant vector types');
    if (rt !== 'scalar' && rt !== 'vector') this.err(n.rhs.range, 'binary expression must contain only scalar and instant vector types');
    const hasFill = vm !== null && (vm.fillLeft !== null || vm.fillRight !== null);
    if ((lt !== 'vector' || rt !== 'vector') && vm) {
      if (vm.matchingLabels.length > 0) this.err(n.range, 'vector matching only allowed between instant vectors');
      if (hasFill) this.err(n.range, 'filling in missing series only allowed between instant vectors');
      n.matching = null;
    } else if (vm && SET_OPS.has(n.op)) {
      if (vm.card === 'one-to-many' || vm.card === 'many-to-one') this.err(n.range, `no grouping allowed for ${goQuote(n.op)} operation`);
      if (vm.card !== 'many-to-many') this.err(n.range, 'set operations must always be many-to-many');
      if (hasFill) this.err(n.range, 'filling in missing series not allowed for set operators');
    }
    if ((lt === 'scalar' || rt === 'scalar') && SET_OPS.has(n.op)) {
      this.err(n.range, `set operator ${goQuote(n.op)} not allowed in binary scalar expression`);
    }
  }
}

/** Type-checks a freshly parsed tree (normalising it in place) and returns the errors in upstream order. */
export function checkAST(expr: Expr, input: string): { expr: Expr; errors: RawParseError[] } {
  const c = new Checker(input);
  c.check(expr);
  return { expr, errors: c.errors };
}
