/**
 * Draws many series onto uPlot's canvas in chunks across tasks, so a graph of 1,000 series
 * never blocks the main thread for long: the first chunk is drawn with the frame, the rest
 * in later tasks. uPlot keeps axes, scales, cursor and zoom; it is given no data series.
 * A new draw (zoom, resize, data) cancels the chunks still pending.
 */
import type uPlot from 'uplot';

/** Series drawn per task. */
export const SERIES_PER_CHUNK = 50;

export interface LineStyle {
  readonly color: (s: number) => string;
  /** Fill colour for stacked bands (null = no fill). */
  readonly fill: ((s: number) => string) | null;
  readonly width: number;
}

export class ProgressiveLines {
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private columns: readonly (readonly (number | null)[])[],
    private bases: readonly (readonly (number | null)[])[] | null,
    private readonly style: LineStyle,
    private readonly onDone?: () => void,
  ) {}

  setData(columns: readonly (readonly (number | null)[])[], bases: readonly (readonly (number | null)[])[] | null): void {
    this.columns = columns;
    this.bases = bases;
  }

  /** The uPlot `draw` hook: starts drawing all series of the current data. */
  draw(u: uPlot, x: Float64Array): void {
    this.cancel();
    const gen = ++this.generation;
    const n = this.columns.length;
    const xs = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) xs[i] = u.valToPos(x[i], 'x', true);
    const chunk = (from: number) => {
      if (gen !== this.generation) return;
      const to = Math.min(n, from + SERIES_PER_CHUNK);
      this.drawRange(u, xs, from, to);
      if (to < n) this.timer = setTimeout(() => chunk(to), 0);
      else {
        this.timer = null;
        this.onDone?.();
      }
    };
    chunk(0);
  }

  cancel(): void {
    this.generation++;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private drawRange(u: uPlot, xs: Float64Array, from: number, to: number): void {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.lineWidth = this.style.width * devicePixelRatio;
    ctx.lineJoin = 'round';
    const steps = xs.length;
    for (let s = from; s < to; s++) {
      const col = this.columns[s];
      const base = this.bases?.[s] ?? null;
      if (base && this.style.fill) this.fillBand(u, ctx, xs, col, base, this.style.fill(s));
      ctx.strokeStyle = this.style.color(s);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.beginPath();
      let run = 0;
      let lastX = 0;
      let lastY = 0;
      for (let i = 0; i < steps; i++) {
        const y = col[i];
        if (y === null || y === undefined) {
          if (run === 1) ctx.rect(lastX - 1, lastY - 1, 2, 2);
          run = 0;
          continue;
        }
        const py = u.valToPos(y, 'y', true);
        if (run === 0) ctx.moveTo(xs[i], py);
        else ctx.lineTo(xs[i], py);
        run++;
        lastX = xs[i];
        lastY = py;
      }
      // A lone point between gaps has no segment to stroke: mark it with a dot.
      if (run === 1) ctx.rect(lastX - 1, lastY - 1, 2, 2);
      ctx.stroke();
    }
    ctx.restore();
  }

  /** Fills between the series and its stacked baseline, segment by segment. */
  private fillBand(u: uPlot, ctx: CanvasRenderingContext2D, xs: Float64Array, col: readonly (number | null)[], base: readonly (number | null)[], fill: string): void {
    ctx.fillStyle = fill;
    const steps = xs.length;
    let i = 0;
    while (i < steps) {
      while (i < steps && (col[i] === null || base[i] === null)) i++;
      const start = i;
      while (i < steps && col[i] !== null && base[i] !== null) i++;
      if (i - start < 2) continue;
      ctx.beginPath();
      ctx.moveTo(xs[start], u.valToPos(col[start]!, 'y', true));
      for (let k = start + 1; k < i; k++) ctx.lineTo(xs[k], u.valToPos(col[k]!, 'y', true));
      for (let k = i - 1; k >= start; k--) ctx.lineTo(xs[k], u.valToPos(base[k]!, 'y', true));
      ctx.closePath();
      ctx.fill();
    }
  }
}
