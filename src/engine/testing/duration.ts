/**
 * Durations as the promqltest harness reads them: Prometheus's `model.ParseDuration`
 * (prometheus/common/model/time.go), used for `load <interval>`, `eval instant at <t>`,
 * `eval range from <t> to <t> step <d>` and `expect range vector …`. All script times are
 * durations from the Unix epoch, so they are never negative.
 */

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/**
 * Parses a Prometheus duration (`1h30m`, `20s500ms`, `0`) into integer milliseconds.
 * Units must come in the order y w d h m s ms, each at most once, integer amounts only.
 * Throws Error with a Go-like message on bad input.
 */
export function parsePromDuration(s: string): number {
  if (s === '') throw new Error('empty duration string');
  if (s === '0') return 0;
  const m = DURATION_RE.exec(s);
  if (m === null) throw new Error(`not a valid duration string: ${JSON.stringify(s)}`);
  let ms = 0;
  let any = false;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 1];
    if (part === undefined) continue;
    any = true;
    ms += Number(part) * UNIT_MS[i];
  }
  if (!any) throw new Error(`not a valid duration string: ${JSON.stringify(s)}`);
  if (!Number.isSafeInteger(ms)) throw new Error(`duration out of range: ${JSON.stringify(s)}`);
  return ms;
}
