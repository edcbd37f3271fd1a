/**
 * Wires the harness to the engine: the series-description parser, the storage builder,
 * the PromQL parser and printer, and `runQuery`.
 */
import type { Expr } from '../parser/ast.ts';
import { formatLabels } from '../model/labels.ts';
import { parseSeriesDescription } from '../parser/series-description.ts';
import { parse } from '../parser/parser.ts';
import { printExpr } from '../parser/printer.ts';
import { runQuery } from '../engine.ts';
import type { QueryOptions, QueryRequest, QueryResult } from '../query.ts';
import { StorageBuilder } from '../storage/storage-builder.ts';
import type { SeriesStore } from '../storage/types.ts';
import type { HarnessEngine, HarnessStorage } from './runner.ts';
import type { LoadSeries, SeriesLine, SequenceValue } from './script.ts';

const OMITTED: SequenceValue = { omitted: true, value: 0, stale: false, histogram: false };
const STALE: SequenceValue = { omitted: false, value: NaN, stale: true, histogram: false };
const HISTOGRAM: SequenceValue = { omitted: false, value: 0, stale: false, histogram: true };

/** parser/series-description.ts's result as the harness's {@link SeriesLine}. */
export function parseSeriesLine(line: string): SeriesLine {
  const d = parseSeriesDescription(line);
  const values: SequenceValue[] = new Array(d.values.length);
  for (let i = 0; i < d.values.length; i++) {
    const v = d.values[i];
    values[i] =
      v.kind === 'value' ? { omitted: false, value: v.v, stale: false, histogram: false } : v.kind === 'stale' ? STALE : v.kind === 'absent' ? OMITTED : HISTOGRAM;
  }
  return { labels: d.labels, values };
}

/** A storage for `load` blocks on top of {@link StorageBuilder}, with `@st` start timestamps. */
export function newBuilderStorage(): HarnessStorage {
  const builder = new StorageBuilder();
  return {
    append(series: readonly LoadSeries[]): void {
      // All or nothing, as the TSDB appender's Rollback: check every series before appending.
      // Within a block the slots are in time order; across blocks a series must continue
      // after its last sample.
      for (const s of series) {
        if (s.samples.length > 0 && s.samples[0].t <= builder.lastTimestamp(s.labels)) {
          throw new Error(`out of order sample for series ${formatLabels(s.labels)} at ${s.samples[0].t}ms (last sample at ${builder.lastTimestamp(s.labels)}ms)`);
        }
      }
      for (const s of series) {
        const ref = builder.seriesRef(s.labels);
        for (const x of s.samples) builder.appendRef(ref, x.t, x.v, x.stale, x.st);
      }
    },
    snapshot: (): SeriesStore => builder.seal(),
  };
}

type ParseFn = (expr: string) => Expr;
type PrintFn = (expr: Expr) => string;
type RunFn = (store: SeriesStore, req: QueryRequest, opts: QueryOptions) => QueryResult;

/** The harness's engine: our parser, printer, storage and `runQuery`. */
export function createTestEngine(): HarnessEngine {
  return makeHarnessEngine((expr) => parse(expr), printExpr, runQuery);
}

/** Builds a harness engine from engine functions (printExpr null: no @-invariance runs). */
export function makeHarnessEngine(parseFn: ParseFn, printFn: PrintFn | null, runFn: RunFn): HarnessEngine {
  return {
    parseSeries: parseSeriesLine,
    parseExpr: parseFn,
    printExpr: printFn,
    newStorage: newBuilderStorage,
    runQuery: runFn,
  };
}
