/**
 * One benchmark case in a fresh process: `node --expose-gc --import tsx bench/case.ts '<json>'`
 * with `{shape, series, steps, evaluator, runs}`. Prints one line `BENCH_RESULT {...}`.
 *
 * Order of work (each step's reason):
 *  1. generate the data (not timed);
 *  2. one warm-up run, so timings and memory are not dominated by JIT compilation;
 *  3. one GC, untimed runs (at least one; about 400 ms of them for fast cases, so V8 has
 *     finished optimizing), then at least `runs` timed runs back to back (more for
 *     fast cases: ~400 ms in all, at most 1,500) with no hooks and no forced GC: the steady
 *     state of a query run repeatedly, as Go's `testing.B` loops measure it (each run pays
 *     for the garbage earlier runs left, as in real use). The median wall time is reported,
 *     and the median process CPU time beside it (on a shared machine wall time includes
 *     time slices lost to other processes; CPU time does not, but counts GC threads);
 *  4. up to 15 timed runs each right after a forced full GC: afterGcMs. A full GC collects
 *     the hidden classes of the previous query's objects, and V8 then throws away the
 *     optimized code that depended on them, so the query starts again in the interpreter
 *     (both evaluators pay this; it is a property of V8, not of either evaluation model,
 *     and is reported beside the steady-state time, not instead of it);
 *  5. last, the memory runs, whose hooks on the tracker and the store would otherwise
 *     leave polymorphic feedback behind in the code the timed runs use: GC, the idle
 *     baseline (data loaded, nothing else held), one run with the memory sampler
 *     (memory-sampler.ts) taking plain samples — live data plus garbage not yet
 *     collected: grossMeasuredPeakBytes; one run sampling after forced GCs — live bytes:
 *     measuredPeakBytes.
 * The tracked peak, samples decoded and peak samples come from the query's own stats.
 */
import * as engine from '../src/engine/index.ts';
import type { QueryOptions, QueryRequest, QueryResult, SeriesStore } from '../src/engine/index.ts';
import { buildLab } from './bench-data.ts';
import { BENCH_SPAN_MINUTES, SHAPES, caseWindow } from './cases.ts';
import { MemorySampler, heapNow, requireGc } from './memory-sampler.ts';
import { median } from './report.ts';

export interface CaseInput {
  readonly shape: string;
  readonly series: number;
  readonly steps: number;
  readonly evaluator: 'naive' | 'streaming';
  readonly runs: number;
}

export interface CaseOutput {
  readonly status: 'ok' | 'unavailable' | 'error';
  readonly message?: string;
  readonly ms?: number;
  readonly msRuns?: number[];
  /** Median CPU time (user + system, all threads: GC and JIT helpers too) of the timed runs; less disturbed than wall time on a busy machine. */
  readonly cpuMs?: number;
  /** Median wall time of runs that each follow a forced full GC (step 7 above). */
  readonly afterGcMs?: number;
  readonly trackedPeakBytes?: number;
  readonly measuredPeakBytes?: number;
  readonly grossMeasuredPeakBytes?: number;
  readonly samples?: number;
  readonly peakSamples?: number;
  readonly seriesOut?: number;
  readonly digest?: string;
  readonly generateMs?: number;
  readonly storedSeries?: number;
  readonly storedSamples?: number;
}

/** Wall time the steady-state runs of a fast case should add up to, and the run caps. */
const STEADY_BUDGET_MS = 400;
const WARM_UP_BUDGET_MS = 400;
/** Sub-millisecond queries reach the budgets at about this many runs (100 left 0.3 ms cases with 30 ms of runs: 1.45x in one run, equal over 4,000). */
const MAX_STEADY_RUNS = 1500;
const MAX_AFTER_GC_RUNS = 15;

type RunQuery = (s: SeriesStore, r: QueryRequest, o: QueryOptions) => QueryResult;

function main(): void {
  const input = JSON.parse(process.argv[2] ?? '{}') as CaseInput;
  let out: CaseOutput;
  try {
    out = runCase(input);
  } catch (e) {
    out = { status: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(out)}\n`);
}

function runCase(input: CaseInput): CaseOutput {
  const gc = requireGc();
  const runQuery = (engine as unknown as Record<string, unknown>).runQuery as RunQuery | undefined;
  if (typeof runQuery !== 'function') return { status: 'unavailable', message: 'the engine does not export runQuery yet' };
  const shape = SHAPES.find((s) => s.id === input.shape);
  if (!shape) return { status: 'error', message: `unknown shape ${input.shape}` };

  const data = buildLab(input.series, BENCH_SPAN_MINUTES, shape.families);
  const req: QueryRequest = { expr: shape.query, ...caseWindow(data.startMs, input.steps) };
  const opts: QueryOptions = { evaluator: input.evaluator };
  const base = { generateMs: data.generateMs, storedSeries: data.storage.seriesCount, storedSamples: data.storage.sampleCount };

  let warm: QueryResult | null = runQuery(data.storage, req, opts);
  if (!warm.ok) {
    const e = warm.error;
    const unavailable = e.kind === 'unsupported' || e.code === 'engine_missing';
    return { ...base, status: unavailable ? 'unavailable' : 'error', message: `${e.kind}/${e.code}: ${e.message}` };
  }
  const digest = digestOf(warm);
  const warmMs = warm.stats.wallMs;
  // Drop the warm-up result before the baseline: a result may keep its inputs reachable.
  warm = null;

  const measure = (sampler: MemorySampler): number => {
    gc();
    const baseline = heapNow();
    sampler.install();
    const unhook = sampler.hookStore(data.storage);
    let r: QueryResult | null = null;
    try {
      r = runQuery(data.storage, req, opts);
      sampler.sample(true); // the result is still held here, and counts: the caller holds it
    } finally {
      unhook();
      sampler.uninstall();
    }
    if (!r.ok) throw new Error(`measured run failed: ${r.error.message}`);
    r = null;
    // The idle heap after the run is a baseline too; GC does not always return to the same
    // floor (V8 releases some space lazily), so the lower of the two is used.
    gc();
    const after = heapNow();
    return Math.max(0, sampler.peak - Math.min(baseline, after));
  };

  const msRuns: number[] = [];
  const cpuRuns: number[] = [];
  let last: QueryResult | null = null;
  gc();
  // Untimed runs until the JIT has settled: at least one, and for fast cases about
  // WARM_UP_BUDGET_MS of them (a few-millisecond query otherwise is timed while V8 is still
  // optimizing, which penalizes whichever evaluator has more code to compile).
  let warmUps = 0;
  const w0 = performance.now();
  do {
    runQuery(data.storage, req, opts);
    warmUps++;
  } while (performance.now() - w0 < WARM_UP_BUDGET_MS && warmUps < MAX_STEADY_RUNS);
  const oneRunMs = (performance.now() - w0) / warmUps;
  // Fast cases get more runs (as testing.B grows b.N), so a few-millisecond query's median
  // is not one scheduler hiccup: at least `runs`, and enough for ~STEADY_BUDGET_MS.
  const steadyRuns = Math.max(input.runs, Math.min(MAX_STEADY_RUNS, Math.ceil(STEADY_BUDGET_MS / Math.max(0.1, oneRunMs))));
  for (let i = 0; i < steadyRuns; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = runQuery(data.storage, req, opts);
    msRuns.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuRuns.push((c.user + c.system) / 1000);
  }
  const afterGcRuns: number[] = [];
  for (let i = 0; i < Math.min(steadyRuns, MAX_AFTER_GC_RUNS); i++) {
    gc();
    const t0 = performance.now();
    runQuery(data.storage, req, opts);
    afterGcRuns.push(performance.now() - t0);
  }
  if (last === null || !last.ok) return { ...base, status: 'error', message: last ? last.error.message : 'no timed run' };
  const st = last.stats;
  last = null;
  const grossMeasuredPeakBytes = measure(new MemorySampler(0.01, 0));
  const measuredPeakBytes = measure(new MemorySampler(0, Math.max(5, warmMs / 20)));
  return {
    ...base,
    status: 'ok',
    ms: median(msRuns),
    msRuns,
    cpuMs: median(cpuRuns),
    afterGcMs: median(afterGcRuns),
    trackedPeakBytes: st.peakTrackedBytes,
    measuredPeakBytes,
    grossMeasuredPeakBytes,
    samples: st.samplesDecoded,
    peakSamples: st.peakSamples,
    seriesOut: st.seriesOut,
    digest,
  };
}

/** FNV-1a over the result's labels, presence and value bits: equal digests mean identical results (Object.is on values). */
function digestOf(r: QueryResult & { ok: true }): string {
  let h = 0x811c9dc5;
  const mixStr = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  const mixNum = (x: number): void => {
    f[0] = x;
    h = Math.imul(h ^ u[0], 0x01000193);
    h = Math.imul(h ^ u[1], 0x01000193);
  };
  const v = r.value;
  mixStr(v.kind);
  if (v.kind === 'vector') {
    // Order is part of the result only when it is defined (sort, topk…); otherwise compare as a set.
    const parts = v.series.map((s) => {
      const before = h;
      h = 0x811c9dc5;
      mixStr(engine.labelsKey(s.labels));
      for (let i = 0; i < s.values.length; i++) {
        h = Math.imul(h ^ s.present[i], 0x01000193);
        if (s.present[i]) mixNum(s.values[i]);
      }
      const one = h >>> 0;
      h = before;
      return one;
    });
    if (!v.ordered) parts.sort((a, b) => a - b);
    for (const p of parts) h = Math.imul(h ^ p, 0x01000193);
  } else if (v.kind === 'scalar') {
    for (let i = 0; i < v.values.length; i++) mixNum(v.values[i]);
  } else if (v.kind === 'matrix') {
    for (const s of v.series) {
      mixStr(engine.labelsKey(s.labels));
      for (let i = 0; i < s.t.length; i++) (mixNum(s.t[i]), mixNum(s.v[i]));
    }
  } else mixStr(v.value);
  return (h >>> 0).toString(16).padStart(8, '0');
}

main();
