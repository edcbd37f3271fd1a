/**
 * Test fixtures: builds {@link RangeWindow}s from promqltest-style series notation, so
 * kernel tests can be written like Prometheus's own `load` / `eval instant` scripts.
 * Not used by the engine at run time.
 */
import type { RangeWindow } from './types.ts';

/**
 * Expands promqltest value notation (`0+10x3 _ NaN 5 1-2x2 Inf stale`) into one entry
 * per slot; `undefined` for a skipped (`_`) or `stale` slot.
 */
export function expandValues(notation: string): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  for (const tok of notation.trim().split(/\s+/)) {
    if (tok === '_' || tok === 'stale') {
      out.push(undefined);
      continue;
    }
    const m = /^([^+x]+?)(?:([+-])([^x]+))?x(\d+)$/.exec(tok);
    if (m && !/^[+-]?(?:Inf|NaN)$/i.test(tok)) {
      const start = parseNumber(m[1]);
      const step = m[3] === undefined ? 0 : parseNumber(m[3]) * (m[2] === '-' ? -1 : 1);
      const times = Number(m[4]);
      for (let i = 0; i <= times; i++) out.push(start + i * step);
      continue;
    }
    out.push(parseNumber(tok));
  }
  return out;
}

function parseNumber(s: string): number {
  const t = s.trim();
  if (/^[+-]?inf$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  const n = Number(t);
  if (Number.isNaN(n)) throw new Error(`bad number ${s}`);
  return n;
}

/** A loaded series: sample times (ms) and values, stale/skipped slots dropped. */
export interface FixtureSeries {
  t: Float64Array;
  v: Float64Array;
}

/** Loads `notation` with one slot every `intervalMs`, starting at 0 (as `load <interval>`). */
export function loadSeries(intervalMs: number, notation: string): FixtureSeries {
  const vals = expandValues(notation);
  const t: number[] = [];
  const v: number[] = [];
  vals.forEach((x, i) => {
    if (x !== undefined) {
      t.push(i * intervalMs);
      v.push(x);
    }
  });
  return { t: Float64Array.from(t), v: Float64Array.from(v) };
}

/**
 * The window of `s` for `f(s[rangeMs] offset offsetMs)` evaluated at `evalMs`: samples
 * with `evalMs − offset − range < t ≤ evalMs − offset` (left-open, Prometheus 3.x).
 */
export function windowAt(s: FixtureSeries, evalMs: number, rangeMs: number, offsetMs = 0): RangeWindow {
  const rangeEndMs = evalMs - offsetMs;
  const rangeStartMs = rangeEndMs - rangeMs;
  let lo = 0;
  while (lo < s.t.length && s.t[lo] <= rangeStartMs) lo++;
  let hi = lo;
  while (hi < s.t.length && s.t[hi] <= rangeEndMs) hi++;
  return { t: s.t, v: s.v, lo, hi, rangeStartMs, rangeEndMs, evalMs };
}

/** Minutes to ms, for readable fixtures. */
export const min = (m: number): number => m * 60_000;
