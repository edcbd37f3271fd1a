/** Formatting of numbers, sizes, durations and times for people. */

/** Bytes as B / KiB / MiB / GiB with three significant digits. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  // Three significant digits, but never exponent form (1023.5 KiB stays "1024 KiB").
  return u === 0 ? `${v} B` : `${Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)} ${units[u]}`;
}

/** A wall time in ms as µs / ms / s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** An integer count with thin thousands separators (1 234 567). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * A sample value as Prometheus's API renders it (Go's strconv 'f' -1 for ordinary values):
 * `+Inf`, `-Inf`, `NaN`, and the shortest round-tripping decimal otherwise.
 */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const s = String(v);
  // JS uses exponent form beyond 1e21 and below 1e-6; Prometheus prints e.g. 1e+21 too.
  return s;
}

/** A compact axis label (1.2k, 3.4M) for chart ticks. */
export function formatShort(v: number): string {
  if (!Number.isFinite(v)) return formatValue(v);
  const a = Math.abs(v);
  if (a >= 1e12) return `${+(v / 1e12).toPrecision(3)}T`;
  if (a >= 1e9) return `${+(v / 1e9).toPrecision(3)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  if (a === 0) return '0';
  if (a < 1e-3) return v.toExponential(1);
  return String(+v.toPrecision(3));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `2026-01-02 03:04:05Z` style UTC time (seconds; ms shown when not whole). */
export function formatTimeUTC(ms: number): string {
  const d = new Date(ms);
  const frac = ms % 1000 !== 0 ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}Z`;
}

/** The same instant in the browser's local time zone. */
export function formatTimeLocal(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const tz = `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} (UTC${tz})`;
}

/** Parses `YYYY-MM-DD HH:MM[:SS][Z]` (UTC), a bare number of seconds, or an ISO string; NaN when invalid. */
export function parseTime(text: string): number {
  const s = text.trim();
  if (s === '') return NaN;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(s);
  if (m) {
    const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, ms);
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? NaN : t;
}

/**
 * 24-hour UTC tick labels for a time axis (seconds): `HH:MM`, with seconds when ticks are
 * closer than a minute, and the date on the first tick and wherever the day changes.
 */
export function timeAxisLabels(splitsSec: readonly number[]): string[] {
  const withSeconds = splitsSec.length > 1 && splitsSec[1] - splitsSec[0] < 60;
  let lastDay = '';
  return splitsSec.map((s) => {
    const d = new Date(s * 1000);
    const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
    const label = day !== lastDay ? `${time}\n${day}` : time;
    lastDay = day;
    return label;
  });
}
