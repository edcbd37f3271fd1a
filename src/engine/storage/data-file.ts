/**
 * Loads a user's or a fixture's data file, picking the format by content: promqltest
 * load notation when some line starts with `load ` (after trimming), else exposition
 * text (OpenMetrics if it has `# EOF`, else the Prometheus text format).
 */
import type { Labels } from '../model/labels.ts';
import { loadExposition } from './exposition.ts';
import { loadNotation } from './load-notation.ts';
import type { Storage } from './storage.ts';

export type DataFileFormat = 'load' | 'prometheus' | 'openmetrics';

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
  /** Series with native-histogram values that were not stored (load notation only). */
  readonly histogramSeries: readonly Labels[];
}

export interface DataFileResult {
  readonly storage: Storage;
  readonly summary: DataFileSummary;
}

/** The format {@link loadDataFile} would use for `text`. */
export function detectDataFileFormat(text: string): DataFileFormat {
  if (/^[ \t]*load(_with_nhcb)?[ \t]/m.test(text)) return 'load';
  return /^# EOF[ \t]*\r?$/m.test(text) ? 'openmetrics' : 'prometheus';
}

/**
 * Parses a data file into a new sealed Storage plus a summary.
 * @throws PromQLError('parse', 'bad_data', 'line N: …'); nothing is produced then.
 */
export function loadDataFile(text: string, name?: string): DataFileResult {
  const format = detectDataFileFormat(text);
  let storage: Storage;
  let histogramSeries: readonly Labels[] = [];
  if (format === 'load') {
    const r = loadNotation(text);
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
