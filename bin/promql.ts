/**
 * The `promql` CLI (npm run -s promql -- …):
 *
 *   eval  --data FILE | --dataset NAME  [--evaluator naive|streaming]
 *         (--time T | --start T --end T --step D) [--lookback D] EXPR
 *         prints the Prometheus HTTP API JSON of the query.
 *   batch --data FILE | --dataset NAME  --queries QUERIES.json --out RESULTS.json
 *         [--evaluator naive|streaming] [--lookback D]
 *         answers a queries file in the shape of ../shared/oracle (prom-oracle.mjs), so the
 *         results compare with a real Prometheus.
 *
 * Times are unix seconds (fractions allowed) or RFC3339; durations are PromQL durations
 * (`5m`, `1h30m`) or seconds. Exit codes: 0 ok, 1 data or query error, 2 bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  apiHttpStatus,
  generateDataset,
  listDatasets,
  loadDataFile,
  parsePromDuration,
  runQuery,
  toApiJson,
  type QueryOptions,
  type QueryRequest,
  type SeriesStore,
} from '../src/engine/index.ts';

const USAGE = `usage:
  promql eval  (--data FILE | --dataset NAME) [--evaluator naive|streaming] (--time T | --start T --end T --step D) [--lookback D] EXPR
  promql batch (--data FILE | --dataset NAME) --queries QUERIES.json --out RESULTS.json [--evaluator naive|streaming] [--lookback D]
times: unix seconds or RFC3339; durations: PromQL durations (5m, 1h30m) or seconds`;

class UsageError extends Error {}
class DataError extends Error {}

type Evaluator = 'naive' | 'streaming';

interface Common {
  data: string | null;
  dataset: string | null;
  evaluator: Evaluator;
  lookbackMs: number | undefined;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const SECONDS = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A time as unix seconds or RFC3339, to integer ms. */
export function parseTimeArg(s: string, what: string): number {
  if (SECONDS.test(s)) {
    const ms = Math.round(Number(s) * 1000);
    if (Number.isFinite(ms)) return ms;
  } else if (RFC3339.test(s)) {
    const ms = Date.parse(s.replace(' ', 'T'));
    if (Number.isFinite(ms)) return ms;
  }
  throw new UsageError(`invalid ${what} ${JSON.stringify(s)}: want unix seconds or RFC3339`);
}

/** A duration as a PromQL duration or seconds, to integer ms (> 0 unless zeroOk). */
export function parseDurationArg(s: string, what: string): number {
  let ms: number;
  if (SECONDS.test(s)) ms = Math.round(Number(s) * 1000);
  else {
    try {
      ms = parsePromDuration(s);
    } catch {
      throw new UsageError(`invalid ${what} ${JSON.stringify(s)}: want a duration like 5m or seconds`);
    }
  }
  if (!Number.isFinite(ms) || ms <= 0) throw new UsageError(`invalid ${what} ${JSON.stringify(s)}: must be positive`);
  return ms;
}

function takeValue(argv: string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
  return v;
}

function loadStore(c: Common): SeriesStore {
  if (c.data !== null && c.dataset !== null) throw new UsageError('give either --data or --dataset, not both');
  if (c.data === null && c.dataset === null) throw new UsageError('--data FILE or --dataset NAME is required');
  if (c.dataset !== null) {
    const ids = listDatasets().map((d) => d.id);
    if (!ids.includes(c.dataset)) throw new UsageError(`unknown dataset ${JSON.stringify(c.dataset)}; known: ${ids.join(', ')}`);
    return generateDataset(c.dataset);
  }
  let text: string;
  try {
    text = readFileSync(c.data as string, 'utf8');
  } catch (e) {
    throw new DataError(`cannot read ${c.data}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return loadDataFile(text, c.data as string).storage;
  } catch (e) {
    throw new DataError(`${c.data}: ${(e as Error).message}`);
  }
}

function parseCommon(argv: string[], i: number, c: Common): number {
  const flag = argv[i];
  switch (flag) {
    case '--data': c.data = takeValue(argv, i, flag); return i + 1;
    case '--dataset': c.dataset = takeValue(argv, i, flag); return i + 1;
    case '--evaluator': {
      const v = takeValue(argv, i, flag);
      if (v !== 'naive' && v !== 'streaming') throw new UsageError(`--evaluator must be naive or streaming, got ${JSON.stringify(v)}`);
      c.evaluator = v;
      return i + 1;
    }
    case '--lookback': c.lookbackMs = parseDurationArg(takeValue(argv, i, flag), '--lookback'); return i + 1;
    default: return -1;
  }
}

function options(c: Common): QueryOptions {
  return c.lookbackMs === undefined ? { evaluator: c.evaluator } : { evaluator: c.evaluator, lookbackDeltaMs: c.lookbackMs };
}

async function cmdEval(argv: string[]): Promise<number> {
  const c: Common = { data: null, dataset: null, evaluator: 'naive', lookbackMs: undefined };
  let time: number | null = null;
  let start: number | null = null;
  let end: number | null = null;
  let step: number | null = null;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = parseCommon(argv, i, c);
    if (next >= 0) {
      i = next;
      continue;
    }
    const a = argv[i];
    if (a === '--time') time = parseTimeArg(takeValue(argv, i++, a), '--time');
    else if (a === '--start') start = parseTimeArg(takeValue(argv, i++, a), '--start');
    else if (a === '--end') end = parseTimeArg(takeValue(argv, i++, a), '--end');
    else if (a === '--step') step = parseDurationArg(takeValue(argv, i++, a), '--step');
    else if (a === '--') rest.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length !== 1) throw new UsageError(rest.length === 0 ? 'missing EXPR' : `expected one EXPR, got ${rest.length} arguments (quote the expression)`);
  const expr = rest[0];
  let req: QueryRequest;
  let kind: 'instant' | 'range';
  if (time !== null) {
    if (start !== null || end !== null || step !== null) throw new UsageError('give either --time or --start/--end/--step');
    req = { expr, startMs: time, endMs: time, stepMs: 1000 };
    kind = 'instant';
  } else {
    if (start === null || end === null || step === null) throw new UsageError('give --time T, or all of --start T --end T --step D');
    if (end < start) throw new UsageError('--end is before --start');
    req = { expr, startMs: start, endMs: end, stepMs: step };
    kind = 'range';
  }
  const store = loadStore(c);
  const res = runQuery(store, req, options(c));
  process.stdout.write(JSON.stringify(toApiJson(res, kind, expr), null, 2) + '\n');
  if (!res.ok) {
    process.stderr.write(`promql: query failed: ${res.error.message}\n`);
    return 1;
  }
  return 0;
}

interface BatchQuery {
  readonly id: string;
  readonly type: 'instant' | 'range';
  readonly expr: string;
  readonly params: Record<string, string>;
  readonly req: QueryRequest;
}

function readQueries(path: string): BatchQuery[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DataError(`${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const list = Array.isArray(raw) ? raw : (raw as { queries?: unknown })?.queries;
  if (!Array.isArray(list)) throw new DataError(`${path}: want a JSON array of queries or {"queries": [...]}`);
  const asTime = (v: unknown, what: string, i: number): number => {
    if (typeof v !== 'number' && typeof v !== 'string') throw new DataError(`${path}: query ${i}: missing ${what}`);
    try {
      return parseTimeArg(String(v), what);
    } catch (e) {
      throw new DataError(`${path}: query ${i}: ${(e as Error).message}`);
    }
  };
  return list.map((q: Record<string, unknown>, i: number): BatchQuery => {
    if (q === null || typeof q !== 'object') throw new DataError(`${path}: query ${i} is not an object`);
    const id = q.id === undefined ? String(i) : String(q.id);
    if (typeof q.expr !== 'string') throw new DataError(`${path}: query ${i}: missing "expr"`);
    if (q.type === 'instant' || (q.type === undefined && q.time !== undefined)) {
      const t = asTime(q.time, 'time', i);
      return { id, type: 'instant', expr: q.expr, params: { time: String(q.time) }, req: { expr: q.expr, startMs: t, endMs: t, stepMs: 1000 } };
    }
    if (q.type !== 'range') throw new DataError(`${path}: query ${i}: "type" must be "instant" or "range"`);
    const start = asTime(q.start, 'start', i);
    const end = asTime(q.end, 'end', i);
    if (typeof q.step !== 'number' && typeof q.step !== 'string') throw new DataError(`${path}: query ${i}: missing step`);
    let step: number;
    try {
      step = parseDurationArg(String(q.step), 'step');
    } catch (e) {
      throw new DataError(`${path}: query ${i}: ${(e as Error).message}`);
    }
    if (end < start) throw new DataError(`${path}: query ${i}: end is before start`);
    return {
      id,
      type: 'range',
      expr: q.expr,
      params: { start: String(q.start), end: String(q.end), step: String(q.step) },
      req: { expr: q.expr, startMs: start, endMs: end, stepMs: step },
    };
  });
}

async function cmdBatch(argv: string[]): Promise<number> {
  const c: Common = { data: null, dataset: null, evaluator: 'naive', lookbackMs: undefined };
  let queriesPath: string | null = null;
  let outPath: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const next = parseCommon(argv, i, c);
    if (next >= 0) {
      i = next;
      continue;
    }
    const a = argv[i];
    if (a === '--queries') queriesPath = takeValue(argv, i++, a);
    else if (a === '--out') outPath = takeValue(argv, i++, a);
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (queriesPath === null) throw new UsageError('--queries QUERIES.json is required');
  if (outPath === null) throw new UsageError('--out RESULTS.json is required');
  const queries = readQueries(queriesPath);
  const t0 = performance.now();
  const store = loadStore(c);
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const results = queries.map((q) => {
    const s = performance.now();
    const res = runQuery(store, q.req, options(c));
    const ms = Math.round((performance.now() - s) * 10) / 10;
    const api = toApiJson(res, q.type, q.expr);
    const base = { id: q.id, expr: q.expr, type: q.type, params: q.params, ms };
    if (api.status === 'success') {
      return { ...base, http: apiHttpStatus(null), status: api.status, data: api.data, ...(api.warnings ? { warnings: api.warnings } : {}), ...(api.infos ? { infos: api.infos } : {}) };
    }
    return {
      ...base,
      http: apiHttpStatus(api.errorType),
      status: api.status,
      errorType: api.errorType,
      error: api.error,
      ...(api.warnings ? { warnings: api.warnings } : {}),
      ...(api.infos ? { infos: api.infos } : {}),
    };
  });
  const meta = {
    engine: 'promql-playground',
    evaluator: c.evaluator,
    ...(c.dataset !== null ? { dataset: c.dataset } : { data: c.data }),
    series: store.seriesCount,
    samples: store.sampleCount,
    minTime: store.seriesCount > 0 ? store.minTimeMs / 1000 : null,
    maxTime: store.seriesCount > 0 ? store.maxTimeMs / 1000 : null,
    timings: { loadMs: Math.round(loadMs), queriesMs: Math.round(performance.now() - t1) },
  };
  try {
    writeFileSync(outPath, JSON.stringify({ meta, results }, null, 1) + '\n');
  } catch (e) {
    throw new DataError(`cannot write ${outPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) throw new UsageError('missing command: eval or batch');
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (cmd === 'eval') return cmdEval(rest);
  if (cmd === 'batch') return cmdBatch(rest);
  throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`promql: ${e.message} (see promql --help)\n`);
      process.exit(2);
    }
    process.stderr.write(`promql: ${e instanceof DataError ? e.message : ((e as Error).stack ?? String(e))}\n`);
    process.exit(1);
  },
);
