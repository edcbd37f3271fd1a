/**
 * Builds uPlot's columnar data once per result: x in seconds, one y column per drawn series,
 * `null` for steps where the series is absent (uPlot draws a gap) and for NaN/±Inf, which a
 * canvas cannot place (they are counted so the UI can say so, and shown in the tooltip).
 */
import type { WireValue } from '../../worker/protocol.ts';

/** Most series drawn at once; beyond this the first N are drawn and the UI says so. */
export const MAX_DRAWN_SERIES = 1000;

export interface GraphData {
  /** `[xSeconds, y0, y1, …]` as uPlot takes it. */
  readonly columns: [Float64Array, ...(number | null)[][]];
  readonly seriesCount: number;
  readonly drawnCount: number;
  /** Points with NaN or ±Inf values (not drawn). */
  readonly nonFinitePoints: number;
  /** Smallest and largest drawn y (null when nothing is drawn), for the y scale. */
  readonly yMin: number | null;
  readonly yMax: number | null;
  /** Stacked mode: each series' baseline (the cumulative value below it), for band fills. */
  readonly bases: (number | null)[][] | null;
}

/** Graphable results are vectors and scalars over steps. */
export function isGraphable(v: WireValue): v is Extract<WireValue, { kind: 'vector' | 'scalar' }> {
  return v.kind === 'vector' || v.kind === 'scalar';
}

/**
 * Builds the columns. `visible` (when given) says which series are drawn (isolation); hidden
 * series get all-null columns so indices stay aligned with the legend. `stacked` accumulates
 * the visible series bottom-up (absent steps add nothing).
 */
export function buildGraphData(
  v: Extract<WireValue, { kind: 'vector' | 'scalar' }>,
  opts: { stacked?: boolean; visible?: readonly boolean[] | null; maxSeries?: number } = {},
): GraphData {
  const steps = v.timestamps.length;
  const x = new Float64Array(steps);
  for (let i = 0; i < steps; i++) x[i] = v.timestamps[i] / 1000;
  const max = opts.maxSeries ?? MAX_DRAWN_SERIES;
  const seriesCount = v.kind === 'scalar' ? 1 : v.labels.length;
  const drawn = Math.min(seriesCount, max);
  const cols: (number | null)[][] = [];
  const acc = opts.stacked ? new Float64Array(steps) : null;
  const bases: (number | null)[][] | null = opts.stacked ? [] : null;
  let nonFinite = 0;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let s = 0; s < drawn; s++) {
    const col: (number | null)[] = new Array(steps);
    const base: (number | null)[] | null = bases ? new Array(steps) : null;
    const show = !opts.visible || opts.visible[s] !== false;
    for (let i = 0; i < steps; i++) {
      let val: number | null;
      if (v.kind === 'scalar') val = v.values[i];
      else val = v.present[s * steps + i] ? v.values[s * steps + i] : null;
      if (val !== null && !Number.isFinite(val)) {
        nonFinite++;
        val = null;
      }
      if (!show) col[i] = null;
      else if (acc && val !== null) {
        base![i] = acc[i];
        acc[i] += val;
        col[i] = acc[i];
      } else col[i] = val;
      if (base && col[i] === null) base[i] = null;
      const y = col[i];
      if (y !== null) {
        if (y < yMin) yMin = y;
        if (y > yMax) yMax = y;
        if (base && base[i]! < yMin) yMin = base[i]!;
      }
    }
    cols.push(col);
    if (bases) bases.push(base!);
  }
  const any = yMin <= yMax;
  return { columns: [x, ...cols], seriesCount, drawnCount: drawn, nonFinitePoints: nonFinite, yMin: any ? yMin : null, yMax: any ? yMax : null, bases };
}

/** The raw value of series s at step i, or null when absent (for tooltips: NaN/±Inf included). */
export function rawValueAt(v: Extract<WireValue, { kind: 'vector' | 'scalar' }>, s: number, i: number): number | null {
  if (v.kind === 'scalar') return v.values[i];
  const steps = v.timestamps.length;
  return v.present[s * steps + i] ? v.values[s * steps + i] : null;
}
