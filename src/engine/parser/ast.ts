/**
 * The PromQL abstract syntax tree. Mirrors Prometheus's `promql/parser/ast.go` node for
 * node (same names, same fields where they make sense in TypeScript) so the code reads
 * next to the Go. All nodes are immutable; every node has a `range` into the query text
 * (UTF-16 offsets, see model/position.ts) that covers the node's source, as Prometheus's
 * `PositionRange()` does.
 *
 * Times: every duration and offset is integer milliseconds; `timestampMs` is an absolute
 * time in ms (from `@ <t>`).
 */
import type { Matcher } from '../model/matcher.ts';
import type { PosRange } from '../model/position.ts';

/** The type of value an expression evaluates to (Prometheus `parser.ValueType`). */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string' | 'none';

export type Expr =
  | AggregateExpr
  | BinaryExpr
  | Call
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | ParenExpr
  | StringLiteral
  | UnaryExpr
  | VectorSelector
  | StepInvariantExpr;

export type AggregateOp =
  | 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar'
  | 'topk' | 'bottomk' | 'count_values' | 'quantile' | 'limitk' | 'limit_ratio';

/** Binary operators. `</` and `>/` are the (native-histogram) trim operators. */
export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | 'atan2'
  | '==' | '!=' | '>' | '<' | '>=' | '<='
  | 'and' | 'or' | 'unless'
  | '</' | '>/';

/** `@ start()` / `@ end()`; resolved to a timestamp by the engine before evaluation. */
export type StartOrEnd = 'start' | 'end' | null;

/**
 * A duration expression (experimental `promql-duration-expr`): arithmetic over durations
 * in `[…]`, subquery range/step and `offset`, including `step()`, `range()`, `min_of()`,
 * `max_of()`. Those that do not depend on the query are folded by the parser into the
 * owning node's `…Ms` field; those that do are kept here and resolved by
 * `resolveDurations()` before evaluation (mirrors Prometheus's `DurationExpr`).
 */
export interface DurationExpr {
  readonly type: 'DurationExpr';
  /** `+ - * / % ^` for arithmetic, `num` for a literal, `step`/`range` for the query functions, `min_of`/`max_of`, `neg` for unary minus, `paren` for parentheses. */
  readonly op: '+' | '-' | '*' | '/' | '%' | '^' | 'num' | 'step' | 'range' | 'min_of' | 'max_of' | 'neg' | 'paren';
  /** For `num`: the value in ms. */
  readonly valueMs?: number;
  /** For `num`: written as a duration (`5m`) rather than as seconds (`300`); for printing. */
  readonly isDuration?: boolean;
  readonly lhs?: DurationExpr;
  readonly rhs?: DurationExpr;
  readonly range: PosRange;
}

export interface VectorSelector {
  readonly type: 'VectorSelector';
  /** The metric name if given outside braces or as a bare quoted string inside them, else ''. */
  readonly name: string;
  /** All matchers, including the `__name__` equality matcher implied by `name`. */
  readonly matchers: readonly Matcher[];
  /** The offset as written (ms, may be negative). */
  readonly offsetMs: number;
  readonly offsetExpr: DurationExpr | null;
  /**
   * Printer-only: a query-independent offset expression (`offset (1m+30s)`) as written.
   * It is already folded into `offsetMs`; evaluators ignore it.
   */
  readonly offsetSource?: DurationExpr;
  /** `@ <t>` in ms, or null. After `@ start()`/`@ end()` resolution this is set too. */
  readonly timestampMs: number | null;
  readonly startOrEnd: StartOrEnd;
  /** Experimental `anchored` / `smoothed` modifiers (extended range selectors). */
  readonly anchored: boolean;
  readonly smoothed: boolean;
  /**
   * True when `name` came from a bare quoted string inside the braces (`{"a.b"}`), which
   * Prometheus keeps as a `__name__` matcher only (its `Name` stays empty): the type
   * checker and the printer treat such a selector as having no name outside braces.
   */
  readonly nameInBraces?: boolean;
  readonly range: PosRange;
}

export interface MatrixSelector {
  readonly type: 'MatrixSelector';
  readonly vectorSelector: VectorSelector;
  readonly rangeMs: number;
  readonly rangeExpr: DurationExpr | null;
  /** Printer-only: a folded query-independent range expression as written (`[5m+1m]`). */
  readonly rangeSource?: DurationExpr;
  readonly range: PosRange;
}

export interface SubqueryExpr {
  readonly type: 'SubqueryExpr';
  readonly expr: Expr;
  readonly rangeMs: number;
  readonly rangeExpr: DurationExpr | null;
  /** 0 means "not given": the engine uses its default subquery step (1m in tests). */
  readonly stepMs: number;
  readonly stepExpr: DurationExpr | null;
  readonly offsetMs: number;
  readonly offsetExpr: DurationExpr | null;
  /** Printer-only: folded query-independent range/step/offset expressions as written. */
  readonly rangeSource?: DurationExpr;
  readonly stepSource?: DurationExpr;
  readonly offsetSource?: DurationExpr;
  readonly timestampMs: number | null;
  readonly startOrEnd: StartOrEnd;
  readonly range: PosRange;
}

/** A function call. `func` is the signature from functions.ts. */
export interface Call {
  readonly type: 'Call';
  readonly func: FunctionSignature;
  readonly args: readonly Expr[];
  readonly range: PosRange;
}

export interface AggregateExpr {
  readonly type: 'AggregateExpr';
  readonly op: AggregateOp;
  readonly expr: Expr;
  /** The parameter of topk/bottomk/quantile/count_values/limitk/limit_ratio, else null. */
  readonly param: Expr | null;
  /** Label names of `by (…)` / `without (…)`, as written (not sorted). */
  readonly grouping: readonly string[];
  readonly without: boolean;
  readonly range: PosRange;
}

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

/** Vector matching of a binary operation (Prometheus `VectorMatching`). */
export interface VectorMatching {
  readonly card: Cardinality;
  /** Labels of `on (…)` / `ignoring (…)`. */
  readonly matchingLabels: readonly string[];
  /** True for `on`, false for `ignoring` (or no clause). */
  readonly on: boolean;
  /** Extra labels of `group_left (…)` / `group_right (…)`. */
  readonly include: readonly string[];
  /** Experimental `fill(v)` / `fill_left(v)` / `fill_right(v)`: value for a missing side, or null. */
  readonly fillLeft: number | null;
  readonly fillRight: number | null;
}

export interface BinaryExpr {
  readonly type: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** Null when at least one side is a scalar (no matching applies). */
  readonly matching: VectorMatching | null;
  readonly returnBool: boolean;
  readonly range: PosRange;
}

export interface UnaryExpr {
  readonly type: 'UnaryExpr';
  readonly op: '-' | '+';
  readonly expr: Expr;
  readonly range: PosRange;
}

export interface ParenExpr {
  readonly type: 'ParenExpr';
  readonly expr: Expr;
  readonly range: PosRange;
}

export interface NumberLiteral {
  readonly type: 'NumberLiteral';
  readonly value: number;
  /** True when written as a duration (`5m` used as a number, e.g. in duration arithmetic). */
  readonly duration: boolean;
  readonly range: PosRange;
}

export interface StringLiteral {
  readonly type: 'StringLiteral';
  /** The unescaped value, in the byte-string convention of model/strings.ts. */
  readonly value: string;
  readonly range: PosRange;
}

/**
 * Wraps a sub-tree whose value is the same at every step (Prometheus wraps these during
 * `PreprocessExpr`), so it is evaluated once and broadcast.
 */
export interface StepInvariantExpr {
  readonly type: 'StepInvariantExpr';
  readonly expr: Expr;
  readonly range: PosRange;
}

/** An argument or return type in a function signature. */
export type ArgType = 'scalar' | 'vector' | 'matrix' | 'string';

/** A PromQL function's signature (Prometheus `parser.Function`). */
export interface FunctionSignature {
  readonly name: string;
  readonly argTypes: readonly ArgType[];
  /** 0: exactly argTypes; >0: up to that many trailing optional args of the last type; -1: unlimited. */
  readonly variadic: number;
  readonly returnType: ArgType;
  readonly experimental: boolean;
}
