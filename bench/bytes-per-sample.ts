/**
 * Bytes per sample of the engine's chunk encoding on realistic data: 1,000 series × 1 day
 * at a 15 s scrape interval (5,760 samples each), a mix of counters and gauges like a
 * node/app exporter produces. Seeded, so the numbers are reproducible.
 *
 *   npx tsx bench/bytes-per-sample.ts [--series 1000] [--jitter-ms 0]
 *   node --expose-gc --import tsx bench/bytes-per-sample.ts   # also measures real heap
 *
 * `--jitter-ms N` adds uniform ±N ms scrape-time jitter (real scrapes are a few ms off
 * the grid; Prometheus ≥ 2.47 snaps timestamps within 2 ms back onto it).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { labelsFromRecord, StorageBuilder, type Storage } from '../src/engine/index.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The sample generators of {@link nextValue}. */
export type Kind = 'requests_counter' | 'latency_bucket_counter' | 'cpu_seconds_counter' | 'memory_bytes_gauge' | 'temperature_gauge' | 'ratio_gauge' | 'up_gauge';
/**
 * Shares of each kind, roughly what a mixed node + application fleet exposes: many
 * integer counters (requests, histogram buckets that often do not move), some float
 * counters and gauges, and constant-ish series (up, info-like).
 */
export const MIX: readonly [Kind, number][] = [
  ['requests_counter', 0.3],
  ['latency_bucket_counter', 0.2],
  ['cpu_seconds_counter', 0.1],
  ['memory_bytes_gauge', 0.15],
  ['temperature_gauge', 0.05],
  ['ratio_gauge', 0.05],
  ['up_gauge', 0.15],
];

function kindOf(i: number, n: number): Kind {
  let acc = 0;
  for (const [k, share] of MIX) {
    acc += share;
    if (i < acc * n) return k;
  }
  return 'up_gauge';
}

/**
 * The next value of a series of `kind` after `v`; `rate` is a request counter's mean
 * increment per scrape. Exported for bench/decode-speed.ts.
 */
export function nextValue(kind: Kind, v: number, rate: number, rnd: () => number): number {
  switch (kind) {
    case 'requests_counter':
      if (rnd() < 0.0002) return 0; // a rare restart
      return v + Math.floor(rate * (0.5 + rnd())); // integer increments
    case 'latency_bucket_counter':
      return rnd() < 0.3 ? v + 1 + Math.floor(rnd() * 5) : v; // a sparse bucket: most scrapes unchanged
    case 'cpu_seconds_counter':
      return Math.round((v + rnd() * 15) * 100) / 100; // 10 ms resolution, as /proc/stat
    case 'memory_bytes_gauge':
      return Math.max(0, v + (Math.floor(rnd() * 2001) - 1000) * 4096); // whole pages
    case 'temperature_gauge':
      return Math.round((v + (rnd() - 0.5)) * 10) / 10; // 0.1 °C sensor resolution
    case 'ratio_gauge':
      return rnd() + rnd() / 4294967296; // a computed float: full mantissa, the worst case
    case 'up_gauge':
      return rnd() < 0.999 ? 1 : 0;
  }
}

/** Builds the mixed dataset and prints its bytes/sample, build and decode speed. */
function main(): void {
  const seriesCount = arg('series', 1000);
  const jitterMs = arg('jitter-ms', 0);
  const stepMs = 15_000;
  const samplesPerSeries = (24 * 3600_000) / stepMs;
  const startMs = 1_700_000_000_000;
  const perKind = new Map<Kind, number>();
  const gc = (globalThis as { gc?: () => void }).gc;

  /** Builds the dataset; the builder becomes garbage on return, so the heap delta is the Storage's. */
  function build(): Storage {
    const rnd = prng(42);
    const builder = new StorageBuilder();
    for (let s = 0; s < seriesCount; s++) {
      const kind = kindOf(s, seriesCount);
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      const ref = builder.seriesRef(labelsFromRecord({ __name__: kind, instance: `host-${s % 100}:9100`, job: 'node', shard: String(Math.floor(s / 100)) }));
      const rate = 1 + rnd() * 200; // per-scrape mean for request counters
      let v = kind === 'memory_bytes_gauge' ? Math.floor(2e8 + rnd() * 4e9) : kind === 'temperature_gauge' ? 40 + rnd() * 30 : 0;
      for (let i = 0; i < samplesPerSeries; i++) {
        const jitter = jitterMs > 0 ? Math.round((rnd() * 2 - 1) * jitterMs) : 0;
        const t = startMs + i * stepMs + jitter;
        v = nextValue(kind, v, rate, rnd);
        builder.appendRef(ref, t, v);
      }
    }
    return builder.seal();
  }

  gc?.();
  gc?.();
  const before = process.memoryUsage();
  const began = performance.now();
  const storage = build();
  const elapsedMs = performance.now() - began;
  gc?.();
  gc?.();
  const after = process.memoryUsage();

  // Per-kind bytes/sample, for the report.
  const kindBytes = new Map<Kind, { bytes: number; samples: number }>();
  for (let id = 0; id < storage.seriesCount; id++) {
    const kind = storage.labels(id).find((l) => l.name === '__name__')!.value as Kind;
    const e = kindBytes.get(kind) ?? { bytes: 0, samples: 0 };
    e.bytes += storage.chunksOf(id).reduce((n, c) => n + c.bytes.length + 2, 0);
    e.samples += storage.seriesSampleCount(id);
    kindBytes.set(kind, e);
  }

  console.log(`series ${storage.seriesCount}, samples ${storage.sampleCount}, chunks ${storage.chunkCount}, jitter ±${jitterMs} ms`);
  console.log(`chunk bytes ${storage.chunkBytes} → ${storage.bytesPerSample.toFixed(3)} bytes/sample (raw t+v columns: 16)`);
  for (const [kind] of MIX) {
    const e = kindBytes.get(kind);
    if (e) console.log(`  ${kind.padEnd(22)} ${String(perKind.get(kind)).padStart(5)} series  ${(e.bytes / e.samples).toFixed(3)} bytes/sample`);
  }
  if (gc) {
    const heap = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
    console.log(`real memory (heapUsed + arrayBuffers delta): ${heap} bytes → ${(heap / storage.sampleCount).toFixed(3)} bytes/sample (index, labels and chunk tables included)`);
  } else {
    console.log('(run with node --expose-gc --import tsx to also measure real memory)');
  }
  console.log(`built in ${elapsedMs.toFixed(0)} ms (${((storage.sampleCount / elapsedMs) * 1000 / 1e6).toFixed(2)} M samples/s appended)`);

  // Decode speed, for context.
  const d0 = performance.now();
  let decoded = 0;
  for (let id = 0; id < storage.seriesCount; id++) decoded += storage.decode(id, -Infinity, Infinity).t.length;
  const decodeMs = performance.now() - d0;
  console.log(`decoded ${decoded} samples in ${decodeMs.toFixed(0)} ms (${((decoded / decodeMs) * 1000 / 1e6).toFixed(2)} M samples/s)`);
}

// Run only as a script, so bench/decode-speed.ts can import the generators.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
