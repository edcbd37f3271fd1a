/**
 * The worker's state and API implementation (DESIGN.md §7), independent of comlink so it
 * can be tested in Node: one loaded dataset, both evaluators, the comparison, packing.
 * Every method answers data (`{ok: false, error}` on failure) and never throws.
 */
import type { Annotation, QueryResult, QueryValue, SeriesStore } from '../engine/index.ts';
import * as engine from './engine-entry.ts';
import { compareRuns } from './compare.ts';
import type { RunForCompare } from './compare.ts';
import { packAnnotations, packStats, packValue } from './pack.ts';
import {
  PROTOCOL_VERSION,
  type CheckResult,
  type DatasetDescriptor,
  type DatasetSource,
  type Diagnostic,
  type EvaluatorName,
  type EvaluatorRun,
  type LabelValuesRequest,
  type LoadedDataset,
  type Metadata,
  type MetricInfo,
  type Outcome,
  type QueryJob,
  type QueryProgress,
  type QueryResponse,
  type WireError,
} from './protocol.ts';

/** Converts anything thrown into a wire error, keeping kind/code/range of a PromQLError. */
export function toWireError(e: unknown): WireError {
  // Already data (an engine result's `error`, or a WireError): keep it as it is.
  if (!(e instanceof Error) && typeof e === 'object' && e !== null && typeof (e as WireError).kind === 'string' && typeof (e as WireError).message === 'string') {
    const d = e as WireError;
    const out: { -readonly [K in keyof WireError]: WireError[K] } = { kind: d.kind, code: d.code ?? d.kind, message: d.message };
    if (d.range) out.range = { from: d.range.from, to: d.range.to };
    if (typeof d.line === 'number') out.line = d.line;
    else {
      const m = /\bline (\d+)\b/i.exec(d.message);
      if (m) out.line = Number(m[1]);
    }
    return out;
  }
  const err = engine.toPromQLError(e);
  const out: { -readonly [K in keyof WireError]: WireError[K] } = { kind: err.kind, code: err.code, message: err.message };
  if (err.range) out.range = { from: err.range.from, to: err.range.to };
  const line = (e as { line?: unknown } | null)?.line;
  if (typeof line === 'number') out.line = line;
  else {
    const m = /\bline (\d+)\b/i.exec(err.message);
    if (m) out.line = Number(m[1]);
  }
  return out;
}

/** Infers a metric's type from its name, as Prometheus's conventions suggest (no metadata is stored). */
export function inferMetricInfo(name: string): MetricInfo {
  if (name.endsWith('_total')) return { type: 'counter', help: 'counter (by name)' };
  if (name.endsWith('_bucket')) return { type: 'histogram', help: 'histogram buckets (by name)' };
  if (name.endsWith('_sum') || name.endsWith('_count')) return { type: 'counter', help: 'histogram/summary part (by name)' };
  if (name.endsWith('_info')) return { type: 'info', help: 'info metric (by name)' };
  return { type: 'gauge', help: '' };
}

/** The metric family a series name belongs to (histogram/summary parts share the family's metadata). */
export function familyName(name: string): string {
  const m = /^(.*)_(bucket|sum|count|created)$/.exec(name);
  return m ? m[1] : name;
}

function isStore(x: unknown): x is SeriesStore {
  return typeof x === 'object' && x !== null && typeof (x as SeriesStore).select === 'function' && typeof (x as SeriesStore).decode === 'function';
}

/** Takes the store out of whatever a loader returned (a store, `{storage}`, or `{ok,…}`). */
function storeFromLoad(x: unknown): SeriesStore {
  if (isStore(x)) return x;
  const o = x as { ok?: boolean; storage?: unknown; store?: unknown; error?: unknown } | null;
  if (o && o.ok === false) throw o.error ?? new Error('load failed');
  const inner = o?.storage ?? o?.store;
  if (isStore(inner)) return inner;
  throw new engine.PromQLError('internal', 'bad_loader_result', 'the data loader returned no storage');
}

function normalizeDiagnostics(raw: unknown): Diagnostic[] {
  const list = Array.isArray(raw) ? raw : ((raw as { diagnostics?: unknown } | null)?.diagnostics ?? []);
  const out: Diagnostic[] = [];
  for (const d of list as { from: number; to: number; severity?: Diagnostic['severity']; message: string }[]) {
    out.push({ from: d.from, to: Math.max(d.to, d.from), severity: d.severity ?? 'error', message: d.message });
  }
  out.sort((a, b) => a.from - b.from);
  return out;
}

function valueTypeOf(raw: unknown): string | null {
  const r = raw as { type?: unknown; valueType?: unknown; expr?: { type?: unknown } | null } | null;
  if (r?.expr) {
    try {
      const t = engine.exprType(r.expr as Parameters<typeof engine.exprType>[0]);
      if (typeof t === 'string') return t;
    } catch {
      // Fall through to fields on the result.
    }
  }
  const t = r?.valueType ?? r?.type ?? r?.expr?.type;
  return typeof t === 'string' ? t : null;
}

/** The worker's state: one dataset at a time. */
export class EngineHost {
  private store: SeriesStore | null = null;
  private loaded: LoadedDataset | null = null;
  private labelValuesCache = new Map<string, string[]>();

  hello(): { protocolVersion: number; engineAvailable: boolean; missing: string[] } {
    return { protocolVersion: PROTOCOL_VERSION, engineAvailable: true, missing: [] };
  }

  listDatasets(): Outcome<{ datasets: DatasetDescriptor[] }> {
    try {
      const list = engine.listDatasets();
      return {
        ok: true,
        datasets: list.map((d) => ({
          id: d.id,
          name: d.name,
          description: d.description,
          exampleQueries: d.exampleQueries.map((q) => (typeof q === 'string' ? { query: q, caption: '' } : { query: q.query, caption: q.caption })),
          defaultRange: { ...d.defaultRange },
          ...(d.seriesCount ? { seriesCount: { ...d.seriesCount } } : {}),
        })),
      };
    } catch (e) {
      return { ok: false, error: toWireError(e) };
    }
  }

  /** Loads a dataset; on failure the current one stays. */
  loadDataset(source: DatasetSource): Outcome<{ dataset: LoadedDataset }> {
    const t0 = performance.now();
    try {
      let store: SeriesStore;
      let name: string;
      if (source.kind === 'sample') {
        store = storeFromLoad(engine.generateDataset(source.id, source.seriesCount ? { seriesCount: source.seriesCount } : {}));
        name = source.id;
        try {
          const d = engine.listDatasets().find((x) => x.id === source.id);
          if (d) name = d.name;
        } catch {
          // The name is cosmetic; keep the id.
        }
      } else {
        store = storeFromLoad(engine.loadDataFile(source.text, source.name));
        name = source.name;
      }
      this.store = store;
      this.labelValuesCache = new Map();
      this.loaded = {
        source: source.kind === 'sample' ? { kind: 'sample', id: source.id, ...(source.seriesCount ? { seriesCount: source.seriesCount } : {}) } : { kind: 'file', name: source.name },
        name,
        seriesCount: store.seriesCount,
        sampleCount: store.sampleCount,
        chunkBytes: store.chunkBytes,
        minTimeMs: store.minTimeMs,
        maxTimeMs: store.maxTimeMs,
        loadMs: performance.now() - t0,
      };
      return { ok: true, dataset: this.loaded };
    } catch (e) {
      return { ok: false, error: toWireError(e) };
    }
  }

  private requireStore(): SeriesStore {
    if (!this.store) throw new engine.PromQLError('eval', 'no_dataset', 'no dataset is loaded');
    return this.store;
  }

  metadata(): Outcome<{ metadata: Metadata }> {
    try {
      const store = this.requireStore();
      const metricNames = store.metricNames();
      const metricInfo: Record<string, MetricInfo> = {};
      // Metadata from `# TYPE`/`# HELP` lines (or the generator) when the store has it.
      const known = (store as { metricMetadata?: (name: string) => { type?: string; help?: string } | undefined }).metricMetadata;
      for (const n of metricNames) {
        const md = typeof known === 'function' ? known.call(store, familyName(n)) : undefined;
        const inferred = inferMetricInfo(n);
        metricInfo[n] = md ? { type: md.type ?? inferred.type, help: md.help ?? '' } : inferred;
      }
      return { ok: true, metadata: { metricNames, labelNames: store.labelNames(), metricInfo } };
    } catch (e) {
      return { ok: false, error: toWireError(e) };
    }
  }

  labelValues(req: LabelValuesRequest): Outcome<{ values: string[] }> {
    try {
      const store = this.requireStore();
      const key = `${req.metricName ?? ''}\u0000${req.labelName}`;
      let values = this.labelValuesCache.get(key);
      if (!values) {
        if (!req.metricName) values = store.labelValues(req.labelName);
        else {
          const set = new Set<string>();
          for (const id of store.select([engine.newMatcher('=', '__name__', req.metricName)])) {
            const v = engine.getLabel(store.labels(id), req.labelName);
            if (v !== '') set.add(v);
          }
          values = [...set].sort(engine.compareStrings);
        }
        this.labelValuesCache.set(key, values);
      }
      return { ok: true, values };
    } catch (e) {
      return { ok: false, error: toWireError(e) };
    }
  }

  labelNames(metricName?: string): Outcome<{ names: string[] }> {
    try {
      const store = this.requireStore();
      if (!metricName) return { ok: true, names: store.labelNames() };
      const set = new Set<string>();
      for (const id of store.select([engine.newMatcher('=', '__name__', metricName)])) for (const l of store.labels(id)) set.add(l.name);
      return { ok: true, names: [...set].sort(engine.compareStrings) };
    } catch (e) {
      return { ok: false, error: toWireError(e) };
    }
  }

  check(expr: string): Outcome<CheckResult> {
    try {
      const raw = engine.parseWithDiagnostics(expr);
      const diagnostics = normalizeDiagnostics(raw);
      return { ok: true, diagnostics, valueType: diagnostics.some((d) => d.severity === 'error') ? null : valueTypeOf(raw) };
    } catch (e) {
      const err = toWireError(e);
      if (err.kind === 'parse' || err.kind === 'type') {
        const range = err.range ?? { from: 0, to: expr.length };
        return { ok: true, diagnostics: [{ from: range.from, to: range.to, severity: 'error', message: err.message }], valueType: null };
      }
      return { ok: false, error: err };
    }
  }

  private runOne(job: QueryJob, evaluator: EvaluatorName): QueryResult | { ok: false; error: WireError; annotations: readonly Annotation[]; stats: null } {
    try {
      return engine.runQuery(
        this.requireStore(),
        { expr: job.expr, startMs: job.startMs, endMs: job.endMs, stepMs: job.stepMs },
        {
          evaluator,
          ...(job.lookbackDeltaMs !== undefined ? { lookbackDeltaMs: job.lookbackDeltaMs } : {}),
          ...(job.memoryLimitBytes !== undefined ? { memoryLimitBytes: job.memoryLimitBytes } : {}),
        },
      );
    } catch (e) {
      return { ok: false, error: toWireError(e), annotations: [], stats: null };
    }
  }

  /**
   * Runs the evaluators (naive first), compares, packs. Returns the buffers to transfer.
   * With `onProgress`, the naive run goes out early in the 'streaming' progress message
   * (with `earlyTransfer` for its buffers) and the response says `naiveSentEarly`.
   */
  query(
    job: QueryJob,
    onProgress?: (p: QueryProgress, earlyTransfer: ArrayBuffer[]) => void,
  ): { outcome: Outcome<{ response: QueryResponse }>; transfer: ArrayBuffer[] } {
    const evaluators = job.evaluators ?? ['naive', 'streaming'];
    const raw: Partial<Record<EvaluatorName, ReturnType<EngineHost['runOne']>>> = {};
    const transfer: ArrayBuffer[] = [];
    const pack = (r: ReturnType<EngineHost['runOne']> | undefined, into: ArrayBuffer[], omitValue = false): EvaluatorRun | null => {
      if (!r) return null;
      const stats = r.stats ? packStats(r.stats) : null;
      if (stats) into.push(...stats.transfer);
      const annotations = packAnnotations(r.annotations);
      if (!r.ok) return { ok: false, error: toWireError(r.error), annotations, stats: stats?.stats ?? null };
      if (omitValue) return { ok: true, value: null, annotations, stats: stats!.stats };
      const v = packValue(r.value);
      into.push(...v.transfer);
      return { ok: true, value: v.value, annotations, stats: stats!.stats };
    };
    let naiveSentEarly = false;
    for (const ev of evaluators) {
      if (ev === 'streaming' && raw.naive && onProgress) {
        // Packing copies, so the engine's naive value stays intact for the comparison.
        const early: ArrayBuffer[] = [];
        const naiveRun = pack(raw.naive, early)!;
        onProgress({ id: job.id, phase: 'streaming', naive: naiveRun }, early);
        naiveSentEarly = true;
      } else onProgress?.({ id: job.id, phase: ev }, []);
      raw[ev] = this.runOne(job, ev);
    }
    onProgress?.({ id: job.id, phase: 'compare' }, []);
    const forCompare = (r: ReturnType<EngineHost['runOne']> | undefined): RunForCompare | null =>
      !r ? null : r.ok ? { ok: true, value: r.value as QueryValue, annotations: r.annotations } : { ok: false, error: r.error, annotations: r.annotations };
    const comparison = compareRuns(forCompare(raw.naive), forCompare(raw.streaming));
    const response: QueryResponse = {
      id: job.id,
      expr: job.expr,
      startMs: job.startMs,
      endMs: job.endMs,
      stepMs: job.stepMs,
      naive: naiveSentEarly ? null : pack(raw.naive, transfer),
      // An identical streaming value is not packed or sent a second time.
      streaming: pack(raw.streaming, transfer, comparison.status === 'identical' && raw.naive?.ok === true && !job.sendIdenticalValues),
      comparison,
      ...(naiveSentEarly ? { naiveSentEarly: true } : {}),
    };
    return { outcome: { ok: true, response }, transfer };
  }
}
