/**
 * Page state in the URL hash, so reloads and shared links restore the page. Format:
 * `#v1=<lz-string compressToEncodedURIComponent(JSON)>`. Prometheus-style parameters
 * (`g0.expr`, `g0.range_input`, `g0.end_input`, `g0.moment_input`, `g0.step_input`,
 * `g0.tab`) are read from the query string or the hash too, so links from a Prometheus
 * server's graph page open here.
 */
import LZString from 'lz-string';
import { parseDuration } from './duration.ts';
import { parseTime } from './format.ts';

export const URL_STATE_VERSION = 1;

export type Tab = 'graph' | 'table';
export type Theme = 'light' | 'dark' | 'auto';

/** Everything the URL carries. `null` means "the dataset's default". */
export interface PageState {
  readonly expr: string;
  readonly datasetId: string | null;
  readonly seriesCount: number | null;
  readonly tab: Tab;
  /** End of the graph range / evaluation time of the table, ms. */
  readonly endMs: number | null;
  readonly rangeMs: number | null;
  /** null = automatic step. */
  readonly stepMs: number | null;
  readonly stacked: boolean;
  readonly yFromZero: boolean;
  /** Whether the evaluator stats panel is open. */
  readonly statsOpen: boolean;
  /** Tracked-memory limit for both evaluators, bytes (null = none). */
  readonly memoryLimitBytes: number | null;
}

export const DEFAULT_STATE: PageState = {
  expr: '',
  datasetId: null,
  seriesCount: null,
  tab: 'graph',
  endMs: null,
  rangeMs: null,
  stepMs: null,
  stacked: false,
  yFromZero: false,
  statsOpen: true,
  memoryLimitBytes: null,
};

type Wire = {
  e?: string;
  d?: string;
  n?: number;
  t?: Tab;
  end?: number;
  r?: number;
  s?: number;
  st?: 1;
  z?: 1;
  so?: 0;
  ml?: number;
};

/** The hash for a state (only what differs from the defaults is written). */
export function encodeState(state: PageState): string {
  const w: Wire = {};
  if (state.expr) w.e = state.expr;
  if (state.datasetId) w.d = state.datasetId;
  if (state.seriesCount !== null) w.n = state.seriesCount;
  if (state.tab !== 'graph') w.t = state.tab;
  if (state.endMs !== null) w.end = state.endMs;
  if (state.rangeMs !== null) w.r = state.rangeMs;
  if (state.stepMs !== null) w.s = state.stepMs;
  if (state.stacked) w.st = 1;
  if (state.yFromZero) w.z = 1;
  if (!state.statsOpen) w.so = 0;
  if (state.memoryLimitBytes !== null) w.ml = state.memoryLimitBytes;
  return `#v${URL_STATE_VERSION}=${LZString.compressToEncodedURIComponent(JSON.stringify(w))}`;
}

function num(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

function fromWire(w: Wire): PageState {
  return {
    expr: typeof w.e === 'string' ? w.e : '',
    datasetId: typeof w.d === 'string' ? w.d : null,
    seriesCount: num(w.n),
    tab: w.t === 'table' ? 'table' : 'graph',
    endMs: num(w.end),
    rangeMs: num(w.r),
    stepMs: num(w.s),
    stacked: w.st === 1,
    yFromZero: w.z === 1,
    statsOpen: w.so !== 0,
    memoryLimitBytes: num(w.ml),
  };
}

/** Reads Prometheus-style `g0.*` parameters; null when there are none. */
export function readPrometheusParams(params: URLSearchParams): PageState | null {
  const expr = params.get('g0.expr');
  if (expr === null) return null;
  const tabRaw = params.get('g0.tab');
  // The classic UI used 0 = graph, 1 = table; the current one uses names.
  const tab: Tab = tabRaw === '1' || tabRaw === 'table' ? 'table' : 'graph';
  const range = parseDuration(params.get('g0.range_input') ?? '');
  const endText = params.get('g0.end_input') ?? params.get('g0.moment_input') ?? '';
  const end = parseTime(endText);
  const stepText = params.get('g0.step_input') ?? '';
  const step = stepText === '' ? NaN : parseDuration(stepText);
  const stacked = params.get('g0.stacked') === '1' || params.get('g0.display_mode') === 'stacked';
  return {
    ...DEFAULT_STATE,
    expr,
    tab,
    rangeMs: Number.isFinite(range) ? range : null,
    endMs: Number.isFinite(end) ? end : null,
    stepMs: Number.isFinite(step) && step > 0 ? step : null,
    stacked,
  };
}

/**
 * Reads the state from a location's hash and search parts. Our own `#vN=` form wins;
 * otherwise `g0.*` parameters; otherwise null (use defaults).
 */
export function decodeLocation(hash: string, search: string): PageState | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const m = /^v(\d+)=(.*)$/.exec(h);
  if (m) {
    if (Number(m[1]) !== URL_STATE_VERSION) return null;
    const json = LZString.decompressFromEncodedURIComponent(m[2]);
    if (!json) return null;
    try {
      const w = JSON.parse(json) as unknown;
      if (typeof w !== 'object' || w === null) return null;
      return fromWire(w as Wire);
    } catch {
      return null;
    }
  }
  return readPrometheusParams(new URLSearchParams(h)) ?? readPrometheusParams(new URLSearchParams(search));
}
