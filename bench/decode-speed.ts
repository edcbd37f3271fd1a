/**
 * XOR chunk decoder micro-benchmark: samples/s and ns/sample of `decodeXor` on a few
 * kinds of data, each in its own sealed Storage, decoded chunk by chunk from the arena
 * exactly as the storage's iterators do (no slicing, no query engine around it).
 *
 *   npx tsx bench/decode-speed.ts [--series 100] [--ms 600] [--jitter-ms 5]
 *
 * Kinds: the cardinality lab's `lab_requests_total` (the data of the profiled
 * `sum by (job) (rate(…[5m]))` case) and bytes-per-sample.ts's integer counters, float
 * counters, random full-mantissa gauges and constant-ish `up`, each on a regular 15 s
 * grid and with ±`jitter-ms` scrape jitter. All kinds are built and decoded once for
 * warm-up first (so the decoder is optimized for the mix it meets in a real process, not
 * for the first kind alone: that alone moved the old decoder's numbers by ~25%), then
 * each kind is decoded repeatedly for `ms` milliseconds; the best and the median pass
 * are printed.
 */
import { decodeXor, labelsFromRecord, StorageBuilder, type Storage } from '../src/engine/index.ts';
import { buildLab } from './bench-data.ts';
import { nextValue, prng, type Kind } from './bytes-per-sample.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seriesCount = arg('series', 100);
const passMs = arg('ms', 600);
const jitterArg = arg('jitter-ms', 5);
const STEP_MS = 15_000;
const SAMPLES_PER_SERIES = (24 * 3600_000) / STEP_MS;

/** The chunks of a storage as arena offsets, the layout decodeXor sees in production. */
interface ChunkSet {
  readonly arena: Uint8Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly count: Uint32Array;
  readonly stale: (Uint16Array | null)[];
  readonly samples: number;
  readonly bytes: number;
}

function chunkSetOf(storage: Storage): ChunkSet {
  const views = [];
  for (let id = 0; id < storage.seriesCount; id++) views.push(...storage.chunksOf(id));
  // chunksOf returns views into one arena: recover it so every decode shares its buffer.
  const buffer = views[0].bytes.buffer;
  const arena = new Uint8Array(buffer);
  const start = new Float64Array(views.length);
  const end = new Float64Array(views.length);
  const count = new Uint32Array(views.length);
  const stale: (Uint16Array | null)[] = [];
  let samples = 0;
  let bytes = 0;
  for (let k = 0; k < views.length; k++) {
    const c = views[k];
    if (c.bytes.buffer !== buffer) throw new Error('chunks are not in one arena');
    start[k] = c.bytes.byteOffset;
    end[k] = c.bytes.byteOffset + c.bytes.length;
    count[k] = c.count;
    stale.push(c.staleIndices);
    samples += c.count;
    bytes += c.bytes.length;
  }
  return { arena, start, end, count, stale, samples, bytes };
}

function generated(kind: Kind, jitterMs: number): Storage {
  const rnd = prng(42);
  const builder = new StorageBuilder();
  for (let s = 0; s < seriesCount; s++) {
    const ref = builder.seriesRef(labelsFromRecord({ __name__: kind, instance: `host-${s}:9100` }));
    const rate = 1 + rnd() * 200;
    let v = kind === 'memory_bytes_gauge' ? Math.floor(2e8 + rnd() * 4e9) : 0;
    for (let i = 0; i < SAMPLES_PER_SERIES; i++) {
      const jitter = jitterMs > 0 ? Math.round((rnd() * 2 - 1) * jitterMs) : 0;
      v = nextValue(kind, v, rate, rnd);
      builder.appendRef(ref, 1_700_000_000_000 + i * STEP_MS + jitter, v);
    }
  }
  return builder.seal();
}

const outT = new Float64Array(65536);
const outV = new Float64Array(65536);
const outStale = new Uint8Array(65536);

/** One pass over every chunk; returns a checksum so the work cannot be optimized away. */
function decodeAll(cs: ChunkSet): number {
  let check = 0;
  for (let k = 0; k < cs.count.length; k++) {
    const n = decodeXor(cs.arena, cs.start[k], cs.end[k], cs.count[k], cs.stale[k], outT, outV, outStale, 0);
    check += outT[n - 1] + outV[n >> 1];
  }
  return check;
}

function measure(name: string, cs: ChunkSet): void {
  const passes: number[] = [];
  let check = 0;
  const stopAt = performance.now() + passMs;
  while (performance.now() < stopAt || passes.length < 3) {
    const t0 = performance.now();
    check += decodeAll(cs);
    passes.push(performance.now() - t0);
  }
  passes.sort((a, b) => a - b);
  const best = passes[0];
  const med = passes[passes.length >> 1];
  const ns = (ms: number): string => ((ms * 1e6) / cs.samples).toFixed(2).padStart(6);
  const msps = ((cs.samples / best) * 1e3) / 1e6;
  console.log(
    `${name.padEnd(36)} ${(cs.bytes / cs.samples).toFixed(2).padStart(5)} B/sample  best ${ns(best)} ns/sample  median ${ns(med)}  ${msps.toFixed(1).padStart(6)} M samples/s  (${passes.length} passes${check === check ? '' : ', NaN checksum'})`,
  );
}

const kinds: [string, Kind][] = [
  ['integer counter', 'requests_counter'],
  ['float counter (10 ms cpu)', 'cpu_seconds_counter'],
  ['random gauge (full mantissa)', 'ratio_gauge'],
  ['constant up', 'up_gauge'],
];

console.log(`${seriesCount} series × ${SAMPLES_PER_SERIES} samples per kind, ${passMs} ms per kind after a warm-up over all kinds`);
const sets: [string, ChunkSet][] = [];
sets.push(['lab_requests_total (profiled case)', chunkSetOf(buildLab(Math.max(50, Math.round(seriesCount / 50) * 50), 1440, ['lab_requests_total']).storage)]);
for (const jitter of [0, jitterArg]) {
  for (const [label, kind] of kinds) sets.push([`${label}${jitter > 0 ? `, ±${jitter} ms` : ''}`, chunkSetOf(generated(kind, jitter))]);
}
const warmEnd = performance.now() + passMs;
while (performance.now() < warmEnd) for (const [, cs] of sets) decodeAll(cs);
for (const [name, cs] of sets) measure(name, cs);
