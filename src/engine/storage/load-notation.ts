/**
 * Loads promqltest `load` blocks (FORMAT.md §3–4) into a {@link StorageBuilder}:
 *
 *     load 5m
 *         http_requests_total{job="api"} 0+10x10 _ stale
 *
 * The i-th slot of a line has time i × interval ms (from 0, whatever was loaded before).
 * Floats only: native-histogram slots are not stored; the series that had them are
 * reported in {@link LoadBlockResult.histogramSeries} so callers can skip what uses them.
 * A start-timestamp line (`name{…}@st <offsets>`, FORMAT.md §3) gives per-sample start
 * timestamps (sample time + offset) to the series line right after it, which must have
 * the same labels and the same number of slots (mirrors parseLoad, promqltest/test.go).
 *
 * All-or-nothing: every line is parsed and every series checked against what the builder
 * already holds before anything is appended; a problem throws
 * PromQLError('parse', 'bad_data', 'line N: …') and the builder is unchanged.
 */
import { formatLabels, labelsKey, type Labels } from '../model/labels.ts';
import { parseDurationMs } from '../parser/number.ts';
import { parseSeriesDescription, type SeriesDescValue } from '../parser/series-description.ts';
import { loadError } from './load-error.ts';
import { parseSTSequence, type STOffsets } from './st-sequence.ts';
import type { Storage } from './storage.ts';
import { StorageBuilder } from './storage-builder.ts';

/** One line of a load block, with its 1-based line number in the source file. */
export interface LoadLine {
  readonly text: string;
  readonly line: number;
}

export interface LoadBlockResult {
  /** Series lines applied (after same-label lines replaced earlier ones). */
  readonly seriesCount: number;
  /** Float samples and staleness markers appended. */
  readonly sampleCount: number;
  /** Series whose line had native-histogram values (not stored), in line order. */
  readonly histogramSeries: readonly Labels[];
  /** Start-timestamp (`@st`) lines read (each applied to the series line after it). */
  readonly startTimestampLines: number;
}

/** The parsed header of a load block. */
export interface LoadHeader {
  readonly intervalMs: number;
  /** `load_with_nhcb`: the caller must also build NHCB histograms (not done here). */
  readonly withNhcb: boolean;
}

const HEADER_RE = /^load(?:_(with_nhcb))?\s+(.+?)$/;

/**
 * Parses `load <interval>` / `load_with_nhcb <interval>` (the text trimmed).
 * @throws PromQLError bad_data `line N: …` for a bad header or duration.
 */
export function parseLoadHeader(text: string, line: number): LoadHeader {
  const m = HEADER_RE.exec(text.trim());
  if (!m) throw loadError(line, `invalid load command ${JSON.stringify(text.trim())}: want "load <interval>"`);
  let intervalMs: number;
  try {
    intervalMs = parseDurationMs(m[2]);
  } catch (e) {
    throw loadError(line, `invalid load interval ${JSON.stringify(m[2])}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { intervalMs, withNhcb: m[1] !== undefined };
}

interface ParsedLine {
  readonly labels: Labels;
  readonly values: readonly SeriesDescValue[];
  readonly line: number;
  /** Start-timestamp offsets per slot (NaN = none), or null without an `@st` line. */
  readonly st: STOffsets | null;
}

/** A parsed `@st` line waiting for its series line. */
interface PendingST {
  readonly labels: Labels;
  readonly offsets: STOffsets;
  readonly line: number;
}

/** Whether the first whitespace-separated token ends in `@st` (mirrors isSTLine). */
function isSTLine(trimmed: string): boolean {
  const space = trimmed.search(/[ \t]/);
  return space >= 0 && trimmed.slice(0, space).endsWith('@st');
}

/** Mirrors parseSTLine: the labels via the series parser with a dummy `_`, then the offsets. */
function parseSTLine(trimmed: string, line: number): PendingST {
  const space = trimmed.search(/[ \t]/);
  const metricPart = trimmed.slice(0, space).slice(0, -'@st'.length);
  let labels: Labels;
  try {
    labels = parseSeriesDescription(`${metricPart} _`).labels;
  } catch (e) {
    throw loadError(line, `invalid @st line metric ${JSON.stringify(metricPart)}: ${describeParseError(e)}`);
  }
  let offsets: STOffsets;
  try {
    offsets = parseSTSequence(trimmed.slice(space + 1).trim());
  } catch (e) {
    throw loadError(line, `invalid @st sequence: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { labels, offsets, line };
}

/**
 * Appends one load block's series lines to `builder`. Within the block a later line with
 * the same labels replaces the earlier one. See the module comment for errors.
 */
export function appendLoadBlock(builder: StorageBuilder, intervalMs: number, lines: readonly LoadLine[]): LoadBlockResult {
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 0) throw new RangeError(`load interval must be a non-negative integer ms, got ${intervalMs}`);
  const byKey = new Map<string, ParsedLine>();
  let stLines = 0;
  let pending: PendingST | null = null;
  for (const { text, line } of lines) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    if (isSTLine(trimmed)) {
      if (pending !== null) throw loadError(pending.line, '@st line has no following sample line');
      pending = parseSTLine(trimmed, line);
      stLines++;
      continue;
    }
    let parsed;
    try {
      parsed = parseSeriesDescription(trimmed);
    } catch (e) {
      throw loadError(line, describeParseError(e));
    }
    if (pending !== null) {
      if (labelsKey(pending.labels) !== labelsKey(parsed.labels)) throw loadError(pending.line, '@st metric does not match the following sample line metric');
      if (pending.offsets.length !== parsed.values.length) {
        throw loadError(pending.line, `@st line has ${pending.offsets.length} values but sample line has ${parsed.values.length}`);
      }
    }
    const key = labelsKey(parsed.labels);
    byKey.delete(key); // Keep line order for the replacement.
    byKey.set(key, { labels: parsed.labels, values: parsed.values, line, st: pending?.offsets ?? null });
    pending = null;
  }
  if (pending !== null) throw loadError(pending.line, '@st line has no following sample line');

  // Validate before appending anything: times strictly increase within a line and
  // after the series' last sample already in the builder.
  const histogramSeries: Labels[] = [];
  let sampleCount = 0;
  for (const p of byKey.values()) {
    let last = builder.lastTimestamp(p.labels);
    let hasHistogram = false;
    for (let i = 0; i < p.values.length; i++) {
      const kind = p.values[i].kind;
      if (kind === 'histogram') hasHistogram = true;
      if (kind !== 'value' && kind !== 'stale') continue;
      const t = i * intervalMs;
      if (t <= last) {
        const what = t === last ? 'duplicate sample for timestamp' : 'out of order sample';
        throw loadError(p.line, `${what} ${t} for series ${formatLabels(p.labels)} (last sample at ${last})`);
      }
      last = t;
      sampleCount++;
    }
    if (hasHistogram) histogramSeries.push(p.labels);
  }

  for (const p of byKey.values()) {
    let ref = -1;
    for (let i = 0; i < p.values.length; i++) {
      const item = p.values[i];
      if (item.kind !== 'value' && item.kind !== 'stale') continue;
      if (ref < 0) ref = builder.seriesRef(p.labels);
      const t = i * intervalMs;
      // ST = sample time + offset (loadCmd.set); NaN offsets stay NaN (no ST).
      const st = p.st === null ? NaN : t + p.st[i];
      if (item.kind === 'value') builder.appendRef(ref, t, item.v, false, st);
      else builder.appendRef(ref, t, NaN, true, st);
    }
  }
  return { seriesCount: byKey.size, sampleCount, histogramSeries, startTimestampLines: stLines };
}

/** `1:5: parse error: x` from the series parser → `col 5: parse error: x`. */
function describeParseError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /^1:(\d+): (.*)$/s.exec(msg);
  return m ? `col ${m[1]}: ${m[2]}` : msg;
}

export interface LoadNotationResult {
  readonly storage: Storage;
  /** Number of load blocks read. */
  readonly blocks: number;
  /** Series with native-histogram values that were not stored. */
  readonly histogramSeries: readonly Labels[];
  /** `@st` lines read over all blocks. */
  readonly startTimestampLines: number;
}

/**
 * Loads a whole data file made of `load <interval>` blocks. Lines are trimmed; lines
 * starting with `#` and blank lines end a block; any other command is an error.
 * `load_with_nhcb` is refused (NHCB conversion is not implemented).
 * @throws PromQLError bad_data `line N: …`; nothing is returned then.
 */
export function loadNotation(text: string): LoadNotationResult {
  const builder = new StorageBuilder();
  const histogramSeries: Labels[] = [];
  let stLines = 0;
  let blocks = 0;
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const trimmed = lines[i].trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const headerLine = i + 1;
    if (!/^load(_with_nhcb)?(\s|$)/.test(trimmed)) {
      throw loadError(headerLine, `expected "load <interval>", got ${JSON.stringify(trimmed.length > 40 ? trimmed.slice(0, 40) + '…' : trimmed)}`);
    }
    const header = parseLoadHeader(trimmed, headerLine);
    if (header.withNhcb) throw loadError(headerLine, 'load_with_nhcb is not supported in data files');
    i++;
    const block: LoadLine[] = [];
    while (i < lines.length) {
      const t = lines[i].trim();
      if (t === '' || t.startsWith('#')) break;
      block.push({ text: t, line: i + 1 });
      i++;
    }
    if (block.length === 0) throw loadError(headerLine, 'load block has no series lines');
    const r = appendLoadBlock(builder, header.intervalMs, block);
    histogramSeries.push(...r.histogramSeries);
    stLines += r.startTimestampLines;
    blocks++;
  }
  return { storage: builder.seal(), blocks, histogramSeries, startTimestampLines: stLines };
}
