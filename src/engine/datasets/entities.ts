/**
 * Entities are the things metrics are scraped about: targets, hosts, pods. An entity group
 * spec expands into entities (label values per level, attributes), each with its own scrape
 * schedule: its scrape times, which scrapes fall in an outage, when its process restarted,
 * and whether it disappears (goes stale) before the span ends.
 */
import { Rng, hashString, mixSeeds } from './prng.ts';
import { resolveCount, type DatasetParams } from './params.ts';
import type { EntityGroupSpec, LevelSpec } from './spec.ts';

/** The time grid of a dataset: integer ms, scrapes every `intervalMs` from `startMs` on, before `endMs`. */
export interface TimeGrid {
  readonly startMs: number;
  readonly endMs: number;
  readonly intervalMs: number;
}

/**
 * When an entity is scraped. Arrays are aligned by scrape index: `times` ascending (ms);
 * `down[i]` is 1 when scrape i failed (outage: `up` is 0, other series have no sample,
 * and the first failed scrape of each outage writes a staleness marker, as Prometheus
 * does); `restart[i]` is 1 when the process restarted since the previous scrape;
 * `slot[i]` is the global grid slot, for the daily-cycle table.
 * `endStaleMs` is the time of the staleness marker written when the entity disappears
 * before the span ends, or -1.
 */
export interface ScrapeSchedule {
  readonly times: Float64Array;
  readonly slot: Int32Array;
  readonly down: Uint8Array;
  readonly restart: Uint8Array;
  readonly length: number;
  readonly endStaleMs: number;
  /** Unix seconds of the process start before the first scrape (for process_start_time_seconds). */
  readonly firstStartSec: number;
  /** True when the entity started during the span (its counters start from 0). */
  readonly startedInSpan: boolean;
  /** Restart times (ms), ascending. */
  readonly restartTimesMs: readonly number[];
}

export interface Entity {
  /** Level labels in level order. */
  readonly labels: readonly (readonly [string, string])[];
  readonly attributes: ReadonlyMap<string, string>;
  readonly seed: number;
  /** A standard normal deviate per entity: families on one entity scale together (memory total and available). */
  readonly spread: number;
  readonly schedule: ScrapeSchedule;
}

const DAY_MS = 86_400_000;

/** Expands one entity group. Deterministic in (groupName, spec, params, seed). */
export function expandEntities(groupName: string, group: EntityGroupSpec, grid: TimeGrid, params: DatasetParams, datasetSeed: number): Entity[] {
  const groupSeed = hashString(groupName, datasetSeed);
  // Level expansion: each partial entity is a list of label pairs.
  // Each partial entity is its label pairs plus, per pair, the value's template with
  // `{token}` still in it (so a replacement can draw a new token), or null.
  interface Partial {
    readonly pairs: (readonly [string, string])[];
    readonly templates: (string | null)[];
  }
  let partial: Partial[] = [{ pairs: [], templates: [] }];
  for (let li = 0; li < group.levels.length; li++) {
    const level = group.levels[li];
    const next: Partial[] = [];
    for (const parent of partial) {
      const values = levelValues(level, parent.pairs, params);
      for (let i = 0; i < values.length; i++) {
        next.push({ pairs: [...parent.pairs, [level.label, values[i].value] as const], templates: [...parent.templates, values[i].template] });
      }
    }
    partial = next;
  }

  const lifecycle = group.lifecycle ?? {};
  const out: Entity[] = [];
  for (const { pairs, templates } of partial) {
    const replaceable = templates.some((t) => t !== null);
    const key = pairs.map(([n, v]) => `${n}=${v}`).join(',');
    const seed = hashString(key, groupSeed);
    const rng = new Rng(seed);
    const offsetMs = rng.int(grid.intervalMs);
    const spanMs = grid.endMs - grid.startMs;
    let lifeStart = grid.startMs;
    const lifeEnd = grid.endMs;
    if (rng.next() < (lifecycle.lateStartFraction ?? 0)) lifeStart = grid.startMs + Math.round(rng.uniform(0.1, 0.7) * spanMs);
    const replaceAt = replaceable && rng.next() < (lifecycle.replaceFraction ?? 0) ? lifeStart + Math.round(rng.uniform(0.2, 0.9) * (lifeEnd - lifeStart)) : -1;
    let outage: [number, number] | null = null;
    if (rng.next() < (lifecycle.outageFraction ?? 0)) {
      const [lo, hi] = lifecycle.outageMinutes ?? [2, 10];
      const lenMs = Math.round(rng.uniform(lo, hi) * 60_000);
      const from = lifeStart + Math.round(rng.uniform(0.1, 0.8) * (lifeEnd - lifeStart));
      outage = [from, Math.min(lifeEnd, from + lenMs)];
    }
    const restartsPerDay = lifecycle.restartsPerDay ?? 0;
    const spread = rng.normal();
    const uptimeBeforeMs = Math.round(rng.uniform(1, 30) * DAY_MS);
    const attrs = pickAttributes(group, pairs, rng);
    const segments: [number, number, boolean][] = replaceAt < 0 ? [[lifeStart, lifeEnd, false]] : [[lifeStart, replaceAt, true], [replaceAt, lifeEnd, false]];
    for (let s = 0; s < segments.length; s++) {
      const [from, to, goesStale] = segments[s];
      // A replacement is a new entity: new token in its labels, new seed.
      const segPairs = s === 0 ? pairs : pairs.map(([n, v], k) => [n, templates[k] === null ? v : templates[k]!.replace(/\{token\}/g, () => rng.token(5))] as const);
      const segSeed = s === 0 ? seed : mixSeeds(seed, s);
      const restartTimes = drawRestarts(rng, from, to, restartsPerDay);
      const startedInSpan = from > grid.startMs;
      const firstStartSec = (startedInSpan ? from : grid.startMs - uptimeBeforeMs) / 1000;
      out.push({
        labels: segPairs,
        attributes: attrs,
        seed: segSeed,
        spread,
        schedule: buildSchedule(grid, offsetMs, from, to, goesStale || to < grid.endMs, outage, restartTimes, firstStartSec, startedInSpan),
      });
    }
  }
  return out;
}

/** A level's values for one parent; `template` keeps `{token}` unexpanded (null when the value has none). */
function levelValues(level: LevelSpec, parent: readonly (readonly [string, string])[], params: DatasetParams): { value: string; template: string | null }[] {
  if (level.values) return level.values.map((value) => ({ value, template: null }));
  const n = resolveCount(level.count ?? 1, params);
  const fmt = level.format ?? '{i}';
  const out: { value: string; template: string | null }[] = [];
  for (let i = 0; i < n; i++) {
    const v = formatValue(fmt, i, parent, '');
    out.push(v.includes('{token}') ? { value: fillTokens(v, i, parent, level.label), template: v } : { value: v, template: null });
  }
  return out;
}

/** Substitutes `{i}`, `{n}`, `{<parent label>}` and `{pick}` in a format string. */
export function formatValue(fmt: string, i: number, parent: readonly (readonly [string, string])[], pick: string): string {
  return fmt.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'i') return String(i);
    if (name === 'n') return String(i + 1);
    if (name === 'pick') return pick;
    if (name === 'token') return whole;
    for (const [n, v] of parent) if (n === name) return v;
    throw new RangeError(`dataset format ${JSON.stringify(fmt)} refers to unknown label {${name}}`);
  });
}

/** Replaces `{token}` with a suffix seeded by the value's position, so siblings get distinct tokens. */
function fillTokens(value: string, index: number, parent: readonly (readonly [string, string])[], label: string): string {
  const rng = new Rng(hashString(`${label}:${index}:${value}:${parent.map((p) => p[1]).join('/')}`));
  return value.replace(/\{token\}/g, () => rng.token(5));
}

function pickAttributes(group: EntityGroupSpec, pairs: readonly (readonly [string, string])[], rng: Rng): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const a of group.attributes ?? []) {
    if (a.values) attrs.set(a.label, rng.pick(a.values));
    else attrs.set(a.label, formatValue(a.format ?? '{pick}', 0, pairs, String(rng.int(a.pickRange ?? 256))));
  }
  return attrs;
}

function drawRestarts(rng: Rng, fromMs: number, toMs: number, perDay: number): number[] {
  const expected = (perDay * (toMs - fromMs)) / DAY_MS;
  let n = Math.floor(expected);
  if (rng.next() < expected - n) n++;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.round(rng.uniform(fromMs, toMs)));
  return out.sort((a, b) => a - b);
}

function buildSchedule(
  grid: TimeGrid,
  offsetMs: number,
  fromMs: number,
  toMs: number,
  staleAtEnd: boolean,
  outage: [number, number] | null,
  restartTimes: readonly number[],
  firstStartSec: number,
  startedInSpan: boolean,
): ScrapeSchedule {
  const first = grid.startMs + offsetMs;
  const k0 = Math.max(0, Math.ceil((fromMs - first) / grid.intervalMs));
  const kEnd = Math.ceil((toMs - first) / grid.intervalMs); // first slot at or after toMs
  const n = Math.max(0, kEnd - k0);
  const times = new Float64Array(n);
  const slot = new Int32Array(n);
  const down = new Uint8Array(n);
  const restart = new Uint8Array(n);
  let r = 0;
  for (let i = 0; i < n; i++) {
    const k = k0 + i;
    const t = first + k * grid.intervalMs;
    times[i] = t;
    slot[i] = k;
    if (outage && t >= outage[0] && t < outage[1]) down[i] = 1;
    while (r < restartTimes.length && restartTimes[r] <= t) {
      if (i > 0) restart[i] = 1;
      r++;
    }
  }
  const endSlotTime = first + kEnd * grid.intervalMs;
  const endStaleMs = staleAtEnd && endSlotTime < grid.endMs ? endSlotTime : -1;
  return { times, slot, down, restart, length: n, endStaleMs, firstStartSec, startedInSpan, restartTimesMs: restartTimes };
}
