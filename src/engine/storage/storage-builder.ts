/**
 * Appends samples series by series and seals them into an immutable {@link Storage}.
 * A builder may be sealed many times (each seal is a snapshot; appending continues
 * afterwards), which is what the promqltest harness needs for `load` … `eval` … `load`.
 */
import { compareLabels, labelsKey, type Label, type Labels } from '../model/labels.ts';
import { PromQLError } from '../model/errors.ts';
import { formatLabels } from '../model/labels.ts';
import { Storage, type MetricMetadata, type SealedSeries } from './storage.ts';
import { SAMPLES_PER_CHUNK, XorChunkAppender, type XorChunk } from './xor-chunk.ts';

/** A handle to a series inside one builder, for appending without re-hashing labels. */
export type SeriesRef = number;

interface BuilderSeries {
  readonly labels: Labels;
  readonly closed: XorChunk[];
  head: XorChunkAppender | null;
  lastT: number;
  samples: number;
}

export class StorageBuilder {
  private readonly series: BuilderSeries[] = [];
  private readonly byKey = new Map<string, SeriesRef>();
  private readonly strings = new Map<string, string>();
  private readonly metadata = new Map<string, MetricMetadata>();
  private samples = 0;
  /** The last seal, reused while nothing changed (the harness seals before every eval). */
  private lastSeal: Storage | null = null;

  /** Number of distinct series appended so far. */
  get seriesCount(): number {
    return this.series.length;
  }

  /** Number of samples appended so far. */
  get sampleCount(): number {
    return this.samples;
  }

  /**
   * The ref of the series with these labels, creating it (with interned strings) if new.
   * `labels` must be a valid sorted label set (see labels.ts).
   */
  seriesRef(labels: Labels): SeriesRef {
    const key = labelsKey(labels);
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const interned: Label[] = labels.map((l) => ({ name: this.intern(l.name), value: this.intern(l.value) }));
    const ref = this.series.length;
    this.series.push({ labels: Object.freeze(interned), closed: [], head: null, lastT: -Infinity, samples: 0 });
    this.byKey.set(key, ref);
    return ref;
  }

  /** The ref of an existing series, or undefined. */
  findSeries(labels: Labels): SeriesRef | undefined {
    return this.byKey.get(labelsKey(labels));
  }

  /** Time of the last sample of the series, or -Infinity when it has none (or does not exist). */
  lastTimestamp(labels: Labels): number {
    const ref = this.findSeries(labels);
    return ref === undefined ? -Infinity : this.series[ref].lastT;
  }

  /**
   * Appends a sample. `tMs` must be a safe integer greater than the series' last time.
   * `stMs` is the sample's start timestamp (ms, an integer; NaN, the default, or null for none).
   * @throws PromQLError('parse', 'bad_data') for out-of-order or duplicate timestamps and
   * non-integer times or start timestamps; nothing is appended then.
   */
  append(labels: Labels, tMs: number, v: number, stale = false, stMs: number | null = NaN): void {
    this.appendRef(this.seriesRef(labels), tMs, v, stale, stMs);
  }

  /** As {@link append}, for a ref from {@link seriesRef}. */
  appendRef(ref: SeriesRef, tMs: number, v: number, stale = false, stMs: number | null = NaN): void {
    const s = this.series[ref];
    if (s === undefined) throw new RangeError(`no series ref ${ref}`);
    if (!Number.isSafeInteger(tMs)) {
      throw new PromQLError('parse', 'bad_data', `invalid timestamp ${tMs} for series ${formatLabels(s.labels)}: not an integer number of ms`);
    }
    const st = stMs === null ? NaN : stMs;
    if (st === st && !Number.isSafeInteger(st)) {
      throw new PromQLError('parse', 'bad_data', `invalid start timestamp ${st} for series ${formatLabels(s.labels)}: not an integer number of ms`);
    }
    if (tMs <= s.lastT) {
      const what = tMs === s.lastT ? 'duplicate sample for timestamp' : 'out of order sample';
      throw new PromQLError('parse', 'bad_data', `${what} ${tMs} for series ${formatLabels(s.labels)} (last sample at ${s.lastT})`);
    }
    let head = s.head;
    if (head === null) s.head = head = new XorChunkAppender();
    else if (head.count >= SAMPLES_PER_CHUNK) {
      s.closed.push(head.toChunk());
      s.head = head = new XorChunkAppender();
    }
    head.append(tMs, v, stale, st);
    this.lastSeal = null;
    s.lastT = tMs;
    s.samples++;
    this.samples++;
  }

  /** Records `# TYPE`/`# HELP`/`# UNIT` metadata for a metric family (later calls merge). */
  setMetadata(name: string, meta: MetricMetadata): void {
    this.metadata.set(name, { ...this.metadata.get(name), ...meta });
    this.lastSeal = null;
  }

  /**
   * A snapshot of everything appended so far as an immutable Storage. Series without
   * samples are left out. The builder stays usable; sealing again without changes
   * returns the same Storage.
   */
  seal(): Storage {
    if (this.lastSeal !== null) return this.lastSeal;
    const sealed: SealedSeries[] = [];
    for (const s of this.series) {
      if (s.samples === 0) continue;
      const chunks = s.head !== null && s.head.count > 0 ? [...s.closed, s.head.toChunk()] : s.closed.slice();
      sealed.push({ labels: s.labels, chunks });
    }
    sealed.sort((a, b) => compareLabels(a.labels, b.labels));
    this.lastSeal = new Storage(sealed, new Map(this.metadata));
    return this.lastSeal;
  }

  private intern(s: string): string {
    const found = this.strings.get(s);
    if (found !== undefined) return found;
    this.strings.set(s, s);
    return s;
  }
}
