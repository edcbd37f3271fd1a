/**
 * `npm run bench [-- --quick] [--json FILE] [--runs N] [--only SHAPE[,SHAPE]] [--series N[,N]] [--steps N[,N]]`
 *
 * The benchmark of issue 3: every case (query shape × series count × step count, cases.ts)
 * runs once per evaluator, each in a fresh Node process (`node --expose-gc --import tsx
 * bench/case.ts`), one after another so they do not compete for the CPU. Prints a table with
 * median wall time, tracked peak bytes (QueryStats.peakTrackedBytes), measured peak heap
 * (memory-sampler.ts), samples decoded, and the streaming/naive ratios; `--json FILE` writes
 * one object per case and evaluator. A streaming evaluator that is missing or rejects a
 * query as unsupported shows as "unavailable"; the run does not fail for it. After the
 * table, the issue's targets are checked over the run's cases (targets.ts): PASS or FAIL,
 * with the worst case of each.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUICK, SERIES_COUNTS, SHAPES, STEP_COUNTS } from './cases.ts';
import type { CaseInput, CaseOutput } from './case.ts';
import { formatBytes, formatCount, formatMs, formatRatio, table } from './report.ts';
import { formatTargets, type TargetCase } from './targets.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

interface Args {
  quick: boolean;
  json: string | null;
  runs: number | null;
  only: Set<string> | null;
  series: number[] | null;
  steps: number[] | null;
  timeoutMs: number;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { quick: false, json: null, runs: null, only: null, series: null, steps: null, timeoutMs: 300_000 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${k} needs a value`);
      return v;
    };
    if (k === '--quick') a.quick = true;
    else if (k === '--json') a.json = next();
    else if (k === '--runs') a.runs = Number(next());
    else if (k === '--only') a.only = new Set(next().split(','));
    else if (k === '--series') a.series = next().split(',').map(Number);
    else if (k === '--steps') a.steps = next().split(',').map(Number);
    else if (k === '--timeout') a.timeoutMs = Number(next()) * 1000;
    else throw new Error(`unknown option ${k} (see bench/run.ts)`);
  }
  return a;
}

interface Case {
  readonly shape: string;
  readonly series: number;
  readonly steps: number;
}

function cases(a: Args): Case[] {
  let list: Case[];
  if (a.quick) list = [...QUICK];
  else {
    list = [];
    for (const series of SERIES_COUNTS) for (const steps of STEP_COUNTS) for (const s of SHAPES) list.push({ shape: s.id, series, steps });
  }
  return list.filter((c) => (!a.only || a.only.has(c.shape)) && (!a.series || a.series.includes(c.series)) && (!a.steps || a.steps.includes(c.steps)));
}

/** Runs one case × evaluator in a fresh process. */
function runChild(c: Case, evaluator: 'naive' | 'streaming', runs: number, timeoutMs: number): CaseOutput {
  const input: CaseInput = { ...c, evaluator, runs };
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'case.ts'), JSON.stringify(input)], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (line) return JSON.parse(line.slice('BENCH_RESULT '.length)) as CaseOutput;
  const why = r.error ? String(r.error.message) : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
  const lines = (r.stderr ?? '').trim().split('\n');
  const at = lines.findIndex((l) => /Error|error:/.test(l));
  const err = (at >= 0 ? lines.slice(at, at + 2).join(' ') : (lines[lines.length - 1] ?? '')).trim();
  return { status: 'error', message: `${why}${err ? `: ${err}` : ''}` };
}

/**
 * A fingerprint of the engine sources (paths and modification times). Other people may edit
 * the engine while a long benchmark runs; a case whose naive and streaming processes ran
 * different code is flagged instead of reported as a result mismatch.
 */
function sourceFingerprint(dir = join(root, 'src', 'engine')): string {
  let acc = '';
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) acc += sourceFingerprint(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) acc += `${p}:${statSync(p).mtimeMs};`;
  }
  return acc;
}

interface JsonRow {
  query: string;
  shape: string;
  series: number;
  steps: number;
  evaluator: 'naive' | 'streaming';
  status: CaseOutput['status'];
  message?: string;
  ms: number | null;
  trackedPeakBytes: number | null;
  measuredPeakBytes: number | null;
  grossMeasuredPeakBytes: number | null;
  samples: number | null;
  peakSamples: number | null;
  seriesOut: number | null;
  msRuns: number[] | null;
  cpuMs: number | null;
  afterGcMs: number | null;
  digest: string | null;
  codeChangedDuringCase: boolean;
}

/** Cases faster than this (both evaluators) are measured in several processes. */
const FAST_CASE_MS = 25;
const FAST_CASE_PROCESSES = 3;

/** The run with the median steady-state time (its other figures come with it); failed runs sort last. */
function medianProcess(outs: CaseOutput[]): CaseOutput {
  const ok = outs.filter((o) => o.status === 'ok').sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0));
  return ok.length === 0 ? outs[0] : ok[(ok.length - 1) >> 1];
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const list = cases(args);
  const runs = args.runs ?? 5;
  const rows: string[][] = [];
  const json: JsonRow[] = [];
  const completed: TargetCase[] = [];
  const t0 = performance.now();
  process.stderr.write(`bench: ${list.length} cases × 2 evaluators, ${runs} timed runs each, fresh process per case and evaluator\n`);
  for (const c of list) {
    const shape = SHAPES.find((s) => s.id === c.shape)!;
    const before = sourceFingerprint();
    let res: Record<'naive' | 'streaming', CaseOutput> = {
      naive: runChild(c, 'naive', runs, args.timeoutMs),
      streaming: runChild(c, 'streaming', runs, args.timeoutMs),
    };
    // A few-millisecond case varies by ±20% from one process to the next (where V8's
    // compiler settles); such cases run in FAST_CASE_PROCESSES processes per evaluator,
    // alternating, and the process with the median time is reported.
    if (res.naive.status === 'ok' && res.streaming.status === 'ok' && Math.max(res.naive.ms ?? 0, res.streaming.ms ?? 0) < FAST_CASE_MS) {
      const more: Record<'naive' | 'streaming', CaseOutput[]> = { naive: [res.naive], streaming: [res.streaming] };
      for (let k = 1; k < FAST_CASE_PROCESSES; k++) for (const ev of ['naive', 'streaming'] as const) more[ev].push(runChild(c, ev, runs, args.timeoutMs));
      res = { naive: medianProcess(more.naive), streaming: medianProcess(more.streaming) };
    }
    const codeChanged = sourceFingerprint() !== before;
    for (const ev of ['naive', 'streaming'] as const) {
      const o = res[ev];
      json.push({
        query: shape.query,
        shape: c.shape,
        series: c.series,
        steps: c.steps,
        evaluator: ev,
        status: o.status,
        ...(o.message ? { message: o.message } : {}),
        ms: o.ms ?? null,
        trackedPeakBytes: o.trackedPeakBytes ?? null,
        measuredPeakBytes: o.measuredPeakBytes ?? null,
        grossMeasuredPeakBytes: o.grossMeasuredPeakBytes ?? null,
        samples: o.samples ?? null,
        peakSamples: o.peakSamples ?? null,
        seriesOut: o.seriesOut ?? null,
        msRuns: o.msRuns ?? null,
        cpuMs: o.cpuMs ?? null,
        afterGcMs: o.afterGcMs ?? null,
        digest: o.digest ?? null,
        codeChangedDuringCase: codeChanged,
      });
    }
    const n = res.naive;
    const s = res.streaming;
    if (n.status === 'ok' && s.status === 'ok') {
      const figures = (o: CaseOutput) => ({ ms: o.ms ?? NaN, trackedPeakBytes: o.trackedPeakBytes ?? NaN, measuredPeakBytes: o.measuredPeakBytes ?? NaN });
      completed.push({ shape: c.shape, aggregates: shape.aggregates, series: c.series, steps: c.steps, naive: figures(n), streaming: figures(s) });
    }
    const cell = (o: CaseOutput, f: (o: CaseOutput) => string): string => (o.status === 'ok' ? f(o) : o.status === 'unavailable' ? 'n/a' : 'ERROR');
    const same = n.status === 'ok' && s.status === 'ok' ? (n.digest === s.digest ? 'yes' : codeChanged ? '? (code changed)' : 'NO') : '—';
    const row = [
      c.shape,
      formatCount(c.series),
      c.steps === 1 ? 'instant' : String(c.steps),
      cell(n, (o) => formatMs(o.ms)),
      cell(s, (o) => formatMs(o.ms)),
      formatRatio(s.ms, n.ms),
      formatRatio(s.cpuMs, n.cpuMs),
      cell(n, (o) => formatMs(o.afterGcMs)),
      cell(s, (o) => formatMs(o.afterGcMs)),
      formatRatio(s.afterGcMs, n.afterGcMs),
      cell(n, (o) => formatBytes(o.trackedPeakBytes)),
      cell(s, (o) => formatBytes(o.trackedPeakBytes)),
      formatRatio(s.trackedPeakBytes, n.trackedPeakBytes),
      cell(n, (o) => formatBytes(o.measuredPeakBytes)),
      cell(s, (o) => formatBytes(o.measuredPeakBytes)),
      formatRatio(s.measuredPeakBytes, n.measuredPeakBytes),
      cell(n, (o) => formatBytes(o.grossMeasuredPeakBytes)),
      cell(s, (o) => formatBytes(o.grossMeasuredPeakBytes)),
      cell(n, (o) => formatCount(o.samples)),
      same,
    ];
    rows.push(row);
    process.stderr.write(`  ${row.join(' | ')}\n`);
    for (const ev of ['naive', 'streaming'] as const) if (res[ev].status !== 'ok') process.stderr.write(`    ${ev} ${res[ev].status}: ${res[ev].message}\n`);
  }
  const header = ['case', 'series', 'steps', 'naive ms', 'stream ms', 's/n', 's/n cpu', 'naive after GC', 'stream after GC', 's/n', 'naive tracked', 'stream tracked', 's/n', 'naive measured', 'stream measured', 's/n', 'naive gross', 'stream gross', 'samples', 'same'];
  process.stdout.write(`${table(header, rows)}\n\n${formatTargets(completed)}`);
  process.stdout.write(
    `\n${list.length} cases in ${((performance.now() - t0) / 1000).toFixed(0)} s. ms: median wall time of back-to-back runs (steady state; at least ${runs}, more for fast cases, see bench/case.ts; cases under ${FAST_CASE_MS} ms: the median of ${FAST_CASE_PROCESSES} processes); s/n cpu: ratio of median process CPU times; after GC: median wall time of up to 15 runs each right after a forced full GC (V8 then recompiles the hot code: see bench/case.ts); tracked: QueryStats.peakTrackedBytes; ` +
      `measured: peak of heapUsed+arrayBuffers sampled after forced GCs during the run (live bytes), minus the idle baseline; ` +
      `gross: the same sampled without forcing GC (live + uncollected garbage); see bench/memory-sampler.ts. ` +
      `samples: naive samples decoded; same: result digests equal (values compared bit for bit).\n`,
  );
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(json, null, 2)}\n`);
    process.stdout.write(`wrote ${args.json}\n`);
  }
}

main();
