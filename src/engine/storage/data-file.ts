/**
 * Loads a user's or a fixture's data file, picking the format by content, in this order:
 * Prometheus HTTP API JSON when it starts with `{"` or `[`; promqltest load notation when
 * some line starts with `load ` (after trimming); `promtool tsdb dump` output when the
 * first sample line starts with `{`; OpenMetrics if it has a `# EOF` line; else the
 * Prometheus text format.
 */
import type { Labels } from '../model/labels.ts';
import { isApiJson, loadApiJson } from './api-json.ts';
import { isOpenMetrics, loadExposition } from './exposition.ts';
import { loadNotation } from './load-notation.ts';
import type { Storage } from './storage.ts';

export type DataFileFormat = 'load' | 'prometheus' | 'openmetrics' | 'promtool-dump' | 'api-json';

/** What a load produced, for the data panel and the CLI. Times in ms. */
export interface DataFileSummary {
  /** The name given to {@link loadDataFile}, if any. */
  readonly name?: string;
  readonly format: DataFileFormat;
  readonly series: number;
  readonly samples: number;
  readonly chunks: number;
  readonly chunkBytes: number;
  /** chunkBytes / samples (0 when empty). */
  readonly bytesPerSample: number;
  readonly minTimeMs: number;
  readonly maxTimeMs: number;
  /** Series with native-histogram values that were not stored (load notation, API JSON). */
  readonly histogramSeries: readonly Labels[];
}

export interface DataFileResult {
  readonly storage: Storage;
  readonly summary: DataFileSummary;
}

/** The format {@link loadDataFile} would use for `text`. */
export function detectDataFileFormat(text: string): DataFileFormat {
  if (isApiJson(text)) return 'api-json';
  if (/^[ \t]*load(_with_nhcb)?[ \t]/m.test(text)) return 'load';
  if (isOpenMetrics(text)) return 'openmetrics';
  const firstSample = /^[ \t]*([^#\s])/m.exec(text);
  return firstSample !== null && firstSample[1] === '{' ? 'promtool-dump' : 'prometheus';
}

/**
 * Parses a data file into a new sealed Storage plus a summary.
 * @throws PromQLError('parse', 'bad_data', 'line N: …'); nothing is produced then.
 */
export function loadDataFile(text: string, name?: string): DataFileResult {
  // Editors on some systems save UTF-8 with a byte-order mark; it is not part of line 1.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const format = detectDataFileFormat(text);
  let storage: Storage;
  let histogramSeries: readonly Labels[] = [];
  if (format === 'load') {
    const r = loadNotation(text);
    storage = r.storage;
    histogramSeries = r.histogramSeries;
  } else if (format === 'api-json') {
    const r = loadApiJson(text);
    storage = r.storage;
    histogramSeries = r.histogramSeries;
  } else {
    storage = loadExposition(text, { format }).storage;
  }
  const summary: DataFileSummary = {
    ...(name !== undefined ? { name } : {}),
    format,
    series: storage.seriesCount,
    samples: storage.sampleCount,
    chunks: storage.chunkCount,
    chunkBytes: storage.chunkBytes,
    bytesPerSample: storage.bytesPerSample,
    minTimeMs: storage.minTimeMs,
    maxTimeMs: storage.maxTimeMs,
    histogramSeries,
  };
  return { storage, summary };
}
