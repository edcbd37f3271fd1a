/**
 * Wires the harness to the engine: the series-description parser, the storage builder,
 * and — looked up at run time on the engine entry (index.ts) — `parse`, `printExpr` and
 * `runQuery`. The late lookup lets the runner start (and say clearly what is missing)
 * while parts of the engine are still being written.
 */
import type { Expr } from '../parser/ast.ts';
import { formatLabels } from '../model/labels.ts';
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
        for (const x of s.samples) builder.appendRef(ref, x.t, x.v, x.stale);
      }
    },
    snapshot: (): SeriesStore => builder.seal(),
  };
}

type ParseFn = (expr: string) => Expr;
type PrintFn = (expr: Expr) => string;
type RunFn = (store: SeriesStore, req: QueryRequest, opts: QueryOptions) => QueryResult;

/** The engine pieces the harness found, or the names of the missing ones; `notes` say what is degraded. */
export type EngineLookup =
  | { readonly engine: HarnessEngine; readonly missing: readonly []; readonly notes: readonly string[] }
  | { readonly engine: null; readonly missing: readonly string[]; readonly notes: readonly string[] };

async function tryImport(path: string): Promise<Record<string, unknown>> {
  try {
    return (await import(path)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Finds `parse`, `printExpr` and `runQuery`: on the engine entry (index.ts) first, then
 * in the modules that define them (parser/parser.ts, parser/printer.ts, engine.ts), so
 * the runner works as soon as they exist. Without `printExpr` the `@`-invariance runs
 * cannot be made; they are then left out and a note says so.
 */
export async function loadHarnessEngine(): Promise<EngineLookup> {
  const entry = await tryImport('../index.ts');
  const parserMod = await tryImport('../parser/parser.ts');
  const printerMod = await tryImport('../parser/printer.ts');
  const engineMod = await tryImport('../engine.ts');
  const pick = <T>(name: string, ...mods: Record<string, unknown>[]): T | undefined => {
    for (const m of mods) if (typeof m[name] === 'function') return m[name] as T;
    return undefined;
  };
  const parse = pick<ParseFn>('parse', entry, parserMod) ?? pick<ParseFn>('parseExpr', entry, parserMod);
  const printExpr = pick<PrintFn>('printExpr', entry, printerMod, parserMod);
  const runQuery = pick<RunFn>('runQuery', entry, engineMod);
  const missing: string[] = [];
  if (parse === undefined) missing.push('parse');
  if (runQuery === undefined) missing.push('runQuery');
  const notes: string[] = [];
  if (printExpr === undefined) notes.push('printExpr not found: the @-invariance runs are left out');
  if (parse === undefined || runQuery === undefined) return { engine: null, missing, notes };
  return { engine: makeHarnessEngine(parse, printExpr ?? null, runQuery), missing: [], notes };
}

/** Builds the harness's engine from the engine functions (printExpr null: no @-invariance runs). */
export function makeHarnessEngine(parse: ParseFn, printExpr: PrintFn | null, runQuery: RunFn): HarnessEngine {
  return {
    parseSeries: parseSeriesLine,
    parseExpr: (expr: string): Expr => parse(expr),
    printExpr,
    newStorage: newBuilderStorage,
    runQuery,
  };
}
