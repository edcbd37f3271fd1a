/** Prometheus-style durations (`1h30m`, `5m`, `15s`, `250ms`) in milliseconds. */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** Parses a duration; NaN when the text is not one (units must descend, each at most once). */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (s === '') return NaN;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const re = /(\d+)(ms|[smhdwy])/gy;
  let total = 0;
  let last = -1;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const idx = ORDER.indexOf(m[2]);
    if (idx <= last) return NaN;
    last = idx;
    total += Number(m[1]) * UNITS[m[2]];
    pos = re.lastIndex;
  }
  return pos === s.length && pos > 0 ? total : NaN;
}

/** Formats ms as the shortest Prometheus duration (`1h30m`, `5m`, `1d`). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return String(ms);
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const u of ORDER) {
    const n = Math.floor(rest / UNITS[u]);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * UNITS[u];
    }
  }
  return out;
}

/**
 * The automatic step for a range, as Prometheus's graph page picks it:
 * max(floor(range / 250), 1s), rounded down to whole seconds.
 */
export function autoStepMs(rangeMs: number): number {
  return Math.max(Math.floor(rangeMs / 250 / 1000) * 1000, 1000);
}

/** Prometheus rejects range queries with more than 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;
