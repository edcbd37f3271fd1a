import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MatrixSelectorOperator } from './matrix-selector.ts';
import { BufferPool } from '../pool.ts';
import { makeGrid } from '../step-grid.ts';
import { newRangeWindow } from '../range-window.ts';
import { buildStorage, makeContext, ms, vs } from '../test-support.ts';
import type { StreamingContext } from '../streaming-context.ts';

/** A selector over `samples` of one series `x` on the given grid, with its own pool and counters. */
function selector(samples: [number, number | 'stale'][], grid: { start: number; step: number; steps: number }, rangeMs: number, mods: { offsetMs?: number; timestampMs?: number }, capacity: number) {
  const storage = buildStorage([{ labels: { __name__: 'x' }, samples }]);
  const endMs = grid.start + (grid.steps - 1) * grid.step;
  const ctx = makeContext(storage, grid.start, endMs, grid.step);
  const pool = new BufferPool(ctx.tracker, true);
  const sc: StreamingContext = { ctx, pool, startTimeOverlaps: new Map() };
  const op = new MatrixSelectorOperator(sc, makeGrid(grid.start, endMs, grid.step), ms(vs('x', {}, mods), rangeMs), capacity);
  op.seriesMetadata();
  op.nextSeries();
  return { op, ctx, pool };
}

describe('MatrixSelectorOperator.nextWindowBatch', () => {
  it('lays out the same windows as nextStepWindow, with the same sample count, on random series and grids', () => {
    const gap = fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: 21, max: 3_000 }) });
    const sample = fc.tuple(gap, fc.oneof({ weight: 12, arbitrary: fc.integer({ min: -3, max: 40 }) }, { weight: 1, arbitrary: fc.constant('stale' as const) }));
    fc.assert(
      fc.property(
        fc.array(sample, { minLength: 1, maxLength: 3_000, size: 'max' }),
        fc.record({ start: fc.integer({ min: -100, max: 4_000 }), step: fc.integer({ min: 1, max: 200 }), steps: fc.integer({ min: 1, max: 600 }) }),
        fc.integer({ min: 1, max: 1_500 }),
        fc.oneof(fc.constant({}), fc.record({ offsetMs: fc.integer({ min: -500, max: 500 }).map((s) => s * 1_000) }), fc.record({ timestampMs: fc.integer({ min: 0, max: 5_000 }).map((s) => s * 1_000) })),
        fc.constantFrom(8, 64, 1024),
        (raw, g, rangeS, mods, capacity) => {
          let t = 0;
          const samples = raw.map(([d, v]): [number, number | 'stale'] => [(t += d * 1_000), v]);
          const grid = { start: g.start * 1_000, step: g.step * 1_000, steps: g.steps };
          const a = selector(samples, grid, rangeS * 1_000, mods, capacity);
          const b = selector(samples, grid, rangeS * 1_000, mods, capacity);
          const w = newRangeWindow();
          let lastSeen = -Infinity;
          const problems: string[] = [];
          for (let step = 0; step < grid.steps && problems.length === 0; ) {
            const nextBatch = b.op.nextWindowBatch;
            if (nextBatch === undefined) throw new Error('a selector without start timestamps lays out window batches');
            const batch = nextBatch(step);
            if (batch.from !== step || batch.to <= step || batch.to > grid.steps) problems.push(`batch [${batch.from}, ${batch.to}) asked from ${step}`);
            for (let k = 0; k < batch.to - step && problems.length === 0; k++) {
              a.op.nextStepWindow(step + k, w);
              const lo = batch.lo[k];
              const hi = batch.hi[k];
              const where = `step ${step + k}`;
              if (hi - lo !== w.hi - w.lo) problems.push(`${where}: ${hi - lo} samples, want ${w.hi - w.lo}`);
              for (let i = 0; i < hi - lo && problems.length === 0; i++) {
                if (!Object.is(batch.t[lo + i], w.t[w.lo + i]) || !Object.is(batch.v[lo + i], w.v[w.lo + i])) problems.push(`${where}: sample ${i} differs`);
              }
              if (batch.endMs[k] !== w.rangeEndMs || batch.endMs[k] - batch.rangeMs !== w.rangeStartMs) problems.push(`${where}: bounds differ`);
              // fresh: the first sample later than every sample of the earlier windows.
              const fresh = batch.fresh[k];
              if (fresh < lo || fresh > hi) problems.push(`${where}: fresh ${fresh} outside [${lo}, ${hi}]`);
              else if ((fresh < hi && !(batch.t[fresh] > lastSeen)) || (fresh > lo && !(batch.t[fresh - 1] <= lastSeen))) problems.push(`${where}: fresh ${fresh} is not where new samples begin`);
              if (hi > lo) lastSeen = batch.t[hi - 1];
            }
            step = batch.to;
          }
          expect(problems).toEqual([]);
          (globalThis as any).__runs = ((globalThis as any).__runs ?? 0) + 1; if ((globalThis as any).__runs % 50 === 0) console.log("breaks", (globalThis as any).__brk, samples.length);
          expect(b.ctx.counters.samplesDecoded).toBe(a.ctx.counters.samplesDecoded);
          for (const s of [a, b]) {
            s.op.close();
            expect(s.pool.outstandingCount).toBe(0);
            expect(s.ctx.tracker.current).toBe(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
