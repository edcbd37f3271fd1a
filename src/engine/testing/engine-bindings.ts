/**
 * Wires the harness to the engine: the series-description parser, the storage builder,
 * and — looked up at run time on the engine entry (index.ts) — `parse`, `printExpr` and
 * `runQuery`. The late lookup lets the runner start (and say clearly what is missing)
 * while parts of the engine are still being written.
 */
import type { PromQLError } from '../model/errors.ts';
import type { Expr } from '../parser/ast.ts';
import { parseSeriesDescription } from '../parser/series-description.ts';
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

/**
 * A storage for `load` blocks on top of {@link StorageBuilder}. Start timestamps (`@st`)
 * are not stored: Known difference from Prometheus (the storage has no ST column).
 */
export function newBuilderStorage(): HarnessStorage {
  const builder = new StorageBuilder();
  return {
    append(series: readonly LoadSeries[]): void {
      for (const s of series) {
        const ref = builder.seriesRef(s.labels);
        for (const x of s.samples) builder.appendRef(ref, x.t, x.v, x.stale);
      }
    },
    snapshot: (): SeriesStore => builder.seal(),
  };
}

type ParseFn = (expr: string) => Expr;
type PrintFn = (expr: Expr) => string;
type RunFn = (store: SeriesStore, req: QueryRequest, opts: QueryOptions) => QueryResult;

/** The engine pieces the harness found, or the names of the missing ones. */
export type EngineLookup = { readonly engine: HarnessEngine; readonly missing: readonly [] } | { readonly engine: null; readonly missing: readonly string[] };

/** Finds `parse` (or `parseExpr`), `printExpr` and `runQuery` on the engine entry. */
export async function loadHarnessEngine(): Promise<EngineLookup> {
  const entry = (await import('../index.ts')) as unknown as Record<string, unknown>;
  const parse = (entry.parse ?? entry.parseExpr) as ParseFn | undefined;
  const printExpr = entry.printExpr as PrintFn | undefined;
  const runQuery = entry.runQuery as RunFn | undefined;
  const missing: string[] = [];
  if (typeof parse !== 'function') missing.push('parse');
  if (typeof printExpr !== 'function') missing.push('printExpr');
  if (typeof runQuery !== 'function') missing.push('runQuery');
  if (missing.length > 0 || parse === undefined || printExpr === undefined || runQuery === undefined) return { engine: null, missing };
  return { engine: makeHarnessEngine(parse, printExpr, runQuery), missing: [] };
}

/** Builds the harness's engine from the three engine functions. */
export function makeHarnessEngine(parse: ParseFn, printExpr: PrintFn, runQuery: RunFn): HarnessEngine {
  return {
    parseSeries: parseSeriesLine,
    parseExpr: (expr: string): Expr => {
      const r = parse(expr) as unknown;
      // Tolerate a parser that returns diagnostics instead of throwing.
      if (r !== null && typeof r === 'object' && 'ok' in r) {
        const res = r as { ok: boolean; expr?: Expr; error?: PromQLError; errors?: PromQLError[] };
        if (!res.ok) throw new Error(res.error?.message ?? res.errors?.[0]?.message ?? 'parse error');
        return res.expr as Expr;
      }
      return r as Expr;
    },
    printExpr,
    newStorage: newBuilderStorage,
    runQuery,
  };
}
