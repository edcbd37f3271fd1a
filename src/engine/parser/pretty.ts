/**
 * Multi-line formatting of long queries, as Prometheus's `Prettify` (promql/parser/prettier.go,
 * used by `/api/v1/format_query`): a node whose one-line form is longer than 100 bytes is
 * split, its children indented by two spaces per level. Also the short node labels of
 * `ShortString()` (printer.go), for tree views.
 */
import { utf8Length } from '../model/position.ts';
import type { Expr } from './ast.ts';
import { printAggregateOp, printBinaryOp, printExpr } from './printer.ts';

const AGGREGATORS_WITH_PARAM = new Set(['topk', 'bottomk', 'count_values', 'quantile', 'limitk', 'limit_ratio']);

function indent(level: number): string {
  return '  '.repeat(level);
}

function needsSplit(e: Expr, width: number): boolean {
  return utf8Length(printExpr(e)) > width;
}

/** The part of a node's one-line form that is not its children (Prometheus `ShortString`). */
export function printShort(e: Expr): string {
  switch (e.type) {
    case 'AggregateExpr':
      return printAggregateOp(e);
    case 'BinaryExpr':
      return printBinaryOp(e);
    case 'Call':
      return e.func.name;
    case 'MatrixSelector': {
      const vs = e.vectorSelector;
      const bare = { ...vs, timestampMs: null, startOrEnd: null, anchored: false, smoothed: false, offsetMs: 0, offsetExpr: null, offsetSource: undefined };
      return printExpr(e).slice(printExpr(bare).length);
    }
    case 'SubqueryExpr':
      return printExpr(e).slice(printExpr(e.expr).length);
    case 'UnaryExpr':
      return e.op;
    case 'StepInvariantExpr':
      return printShort(e.expr);
    default:
      return printExpr(e);
  }
}

function pretty(e: Expr, level: number, width: number): string {
  switch (e.type) {
    case 'AggregateExpr': {
      if (!needsSplit(e, width)) return indent(level) + printExpr(e);
      let s = indent(level) + printShort(e) + '(\n';
      if (AGGREGATORS_WITH_PARAM.has(e.op) && e.param !== null) s += pretty(e.param, level + 1, width) + ',\n';
      return s + pretty(e.expr, level + 1, width) + '\n' + indent(level) + ')';
    }
    case 'BinaryExpr':
      if (!needsSplit(e, width)) return indent(level) + printExpr(e);
      return `${pretty(e.lhs, level + 1, width)}\n${indent(level)}${printShort(e)}\n${pretty(e.rhs, level + 1, width)}`;
    case 'Call':
      if (!needsSplit(e, width)) return indent(level) + printExpr(e);
      return `${indent(level)}${e.func.name}(\n${e.args.map((a) => pretty(a, level + 1, width)).join(',\n')}\n${indent(level)})`;
    case 'ParenExpr':
      if (!needsSplit(e, width)) return indent(level) + printExpr(e);
      return `${indent(level)}(\n${pretty(e.expr, level + 1, width)}\n${indent(level)})`;
    case 'StepInvariantExpr':
      return pretty(e.expr, level, width);
    case 'SubqueryExpr':
      // As upstream: an unsplit subquery gets no indent of its own.
      if (!needsSplit(e, width)) return printExpr(e);
      return pretty(e.expr, level, width) + printShort(e);
    case 'UnaryExpr':
      return indent(level) + e.op + pretty(e.expr, level, width).trim();
    default:
      return indent(level) + printExpr(e);
  }
}

/**
 * Prometheus `Prettify`: the query formatted over several lines when it is long.
 * @param width split nodes whose one-line form has more UTF-8 bytes than this (upstream: 100).
 */
export function prettyExpr(e: Expr, width = 100): string {
  return pretty(e, 0, width);
}

/** The direct sub-expressions of a node, in evaluation order (Prometheus `Children`). */
export function childrenOf(e: Expr): Expr[] {
  switch (e.type) {
    case 'AggregateExpr':
      return e.param === null ? [e.expr] : [e.expr, e.param];
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    case 'Call':
      return [...e.args];
    case 'MatrixSelector':
      return [e.vectorSelector];
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return [e.expr];
    default:
      return [];
  }
}
