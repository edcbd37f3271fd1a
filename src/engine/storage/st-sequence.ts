/**
 * The value sequence of a promqltest start-timestamp line (`name{…}@st <items>`,
 * FORMAT.md §3): per slot an offset in ms from the sample's own timestamp, or none.
 *
 *     _            one slot without ST
 *     _xN          N slots without ST (N ≥ 1)
 *     <d>          one slot with offset d
 *     <d>xN        N+1 slots, all d
 *     <d>+<e>xN    N+1 slots: d, d+e, d+2e, …
 *     <d>-<e>xN    N+1 slots: d, d−e, d−2e, …
 *
 * `<d>` and `<e>` are a single-unit Prometheus duration with an optional sign
 * (`-59999ms`, `+1m`, `0`). Mirrors parseSTSequence/parseSTItem/parseDurationPrefix,
 * promql/promqltest/test.go.
 */
import { parseDurationMs } from '../parser/number.ts';

/** Offsets in ms per slot; NaN for a slot without ST. */
export type STOffsets = number[];

/**
 * Parses the items after `@st`. @throws Error `invalid ST item "<item>": <why>`.
 */
export function parseSTSequence(input: string): STOffsets {
  const out: STOffsets = [];
  for (const item of input.split(/[ \t\r\n\v\f]+/)) {
    if (item === '') continue;
    try {
      appendSTItem(item, out);
    } catch (e) {
      throw new Error(`invalid ST item ${JSON.stringify(item)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

function appendSTItem(item: string, out: STOffsets): void {
  if (item === '_') {
    out.push(NaN);
    return;
  }
  if (item.startsWith('_x')) {
    const n = parseRepeat(item.slice(2));
    if (n === 0) throw new Error('invalid repeat count');
    for (let i = 0; i < n; i++) out.push(NaN);
    return;
  }
  const [base, rest] = parseDurationPrefix(item);
  if (rest === '') {
    out.push(base);
    return;
  }
  if (rest[0] === 'x') {
    const n = parseRepeat(rest.slice(1));
    for (let i = 0; i <= n; i++) out.push(base);
    return;
  }
  if (rest[0] !== '+' && rest[0] !== '-') throw new Error(`unexpected character ${JSON.stringify(rest[0])} after duration`);
  let step: number;
  let rest2: string;
  try {
    [step, rest2] = parseDurationPrefix(rest.slice(1));
  } catch (e) {
    throw new Error(`invalid step duration: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (rest[0] === '-') step = -step;
  if (rest2 === '' || rest2[0] !== 'x') throw new Error("expected 'x<count>' after step duration");
  const n = parseRepeat(rest2.slice(1));
  let offset = base;
  for (let i = 0; i <= n; i++) {
    out.push(offset);
    offset += step;
  }
}

/** strconv.ParseUint(s, 10, 64), limited to safe integers. */
function parseRepeat(s: string): number {
  if (!/^[0-9]+$/.test(s)) throw new Error('invalid repeat count');
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new Error('invalid repeat count');
  return n;
}

/**
 * A signed single-unit duration at the start of `s`: digits, then letters up to (not
 * including) an `x`, which separates the repeat count. Returns [ms, rest].
 */
function parseDurationPrefix(s: string): [number, string] {
  if (s === '') throw new Error('empty duration');
  let i = 0;
  let negative = false;
  if (s[0] === '-') {
    negative = true;
    i++;
  } else if (s[0] === '+') i++;
  const digitsFrom = i;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i === digitsFrom) throw new Error(`expected digits in duration ${JSON.stringify(s)}`);
  while (i < s.length && /[a-zA-Z]/.test(s[i]) && s[i] !== 'x') i++;
  const text = s.slice(digitsFrom, i);
  let ms: number;
  try {
    ms = parseDurationMs(text);
  } catch (e) {
    throw new Error(`invalid duration ${JSON.stringify(text)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return [negative ? -ms : ms, s.slice(i)];
}
