/**
 * The result graph (uPlot): one line per series, a legend of metric and labels where a click
 * isolates a series (Ctrl/Cmd+click toggles it), a hover tooltip with all labels and the
 * raw value (NaN/±Inf included), stacked mode, y from zero or auto, gaps for absent steps.
 * Draws at most {@link MAX_DRAWN_SERIES} series and says so beyond that.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { WireValue } from '../../worker/protocol.ts';
import { buildGraphData, MAX_DRAWN_SERIES, rawValueAt } from './graph-data.ts';
import { chartColors } from './chart-theme.ts';
import { ProgressiveLines } from './progressive-lines.ts';
import { seriesColor, seriesName } from '../state/series.ts';
import { formatShort, formatTimeUTC, formatValue, timeAxisLabels } from '../state/format.ts';

type Graphable = Extract<WireValue, { kind: 'vector' | 'scalar' }>;

/** Legend entries rendered before "show all". */
const LEGEND_INITIAL = 100;

export interface GraphProps {
  readonly value: Graphable;
  readonly stacked: boolean;
  readonly yFromZero: boolean;
  readonly theme: 'light' | 'dark';
  /** Called once the chart has drawn (for the first-result measurement). */
  readonly onDrawn?: () => void;
}

/** uPlot's data: the x column and an all-null placeholder series. */
function placeholderData(x: Float64Array): uPlot.AlignedData {
  return [x, new Array<null>(x.length).fill(null)];
}

/** `#rrggbb` or `hsl(…)` with an alpha channel. */
function colorWithAlpha(c: string, alpha: number): string {
  if (c.startsWith('#')) return c + Math.round(alpha * 255).toString(16).padStart(2, '0');
  return c.replace(/^hsl\((.*)\)$/, `hsla($1, ${alpha})`);
}

function nameOf(v: Graphable, s: number): string {
  return v.kind === 'scalar' ? 'scalar' : seriesName(v.labels[s]);
}

export function Graph({ value, stacked, yFromZero, theme, onDrawn }: GraphProps) {
  const box = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const linesRef = useRef<ProgressiveLines | null>(null);
  const createdWith = useRef<unknown>(null);
  const [visible, setVisible] = useState<boolean[] | null>(null);
  const [width, setWidth] = useState(0);
  const [legendAll, setLegendAll] = useState(false);
  const onDrawnRef = useRef(onDrawn);
  onDrawnRef.current = onDrawn;

  useEffect(() => {
    setVisible(null);
    setLegendAll(false);
  }, [value]);

  // Measured before paint, so the chart is built in the same frame as the result arrives.
  useLayoutEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    ro.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => ro.disconnect();
  }, []);

  const data = useMemo(() => buildGraphData(value, { stacked, visible }), [value, stacked, visible]);
  const dataRef = useRef(data);
  dataRef.current = data;

  // (Re)build the chart when its shape changes; visibility changes only replace the data.
  useEffect(() => {
    if (width <= 0) return;
    const colors = chartColors(theme);
    // uPlot draws axes, grid, cursor and zoom; the lines are drawn by ProgressiveLines in
    // chunks, so uPlot gets one empty placeholder series to own the y scale.
    const series: uPlot.Series[] = [{}, { label: 'y', stroke: 'transparent', points: { show: false } }];
    const lines = new ProgressiveLines(dataRef.current.columns.slice(1) as (number | null)[][], dataRef.current.bases, {
      color: seriesColor,
      fill: stacked ? (s) => colorWithAlpha(seriesColor(s), 0.2) : null,
      width: data.drawnCount > 100 ? 1 : 1.5,
    });
    linesRef.current = lines;
    createdWith.current = dataRef.current;
    const axis = (): uPlot.Axis => ({ stroke: colors.axis, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } });
    const opts: uPlot.Options = {
      width,
      height: 320,
      series,
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: true, y: false } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: {
        x: { time: true },
        y: {
          range: () => {
            const min = dataRef.current.yMin;
            const max = dataRef.current.yMax;
            if (min === null || max === null) return [0, 1];
            let lo = yFromZero ? Math.min(0, min) : min;
            let hi = yFromZero ? Math.max(0, max) : max;
            if (lo === hi) {
              const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
              lo -= pad;
              hi += pad;
            }
            return uPlot.rangeNum(lo, hi, 0.1, true);
          },
        },
      },
      axes: [
        { ...axis(), values: (_u, splits) => timeAxisLabels(splits) },
        { ...axis(), size: 60, values: (_u, splits) => splits.map(formatShort) },
      ],
      hooks: {
        setCursor: [(u) => updateTooltip(u)],
        draw: [
          (u) => {
            lines.draw(u, dataRef.current.columns[0]);
            onDrawnRef.current?.();
          },
        ],
      },
    };
    const updateTooltip = (u: uPlot) => {
      const t = tip.current;
      if (!t) return;
      const idx = u.cursor.idx;
      const top = u.cursor.top ?? -1;
      if (idx === null || idx === undefined || top < 0) {
        t.hidden = true;
        return;
      }
      const cols = dataRef.current.columns;
      let best = -1;
      let bestDist = Infinity;
      for (let s = 1; s < cols.length; s++) {
        const y = cols[s][idx];
        if (y === null || y === undefined) continue;
        const d = Math.abs(u.valToPos(y, 'y') - top);
        if (d < bestDist) {
          bestDist = d;
          best = s - 1;
        }
      }
      if (best < 0 || bestDist > 40) {
        t.hidden = true;
        return;
      }
      const raw = rawValueAt(value, best, idx);
      t.replaceChildren();
      const time = document.createElement('div');
      time.className = 'tip-time';
      time.textContent = formatTimeUTC(value.timestamps[idx]);
      const name = document.createElement('div');
      name.className = 'tip-name';
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = seriesColor(best);
      name.append(sw, nameOf(value, best));
      const val = document.createElement('div');
      val.className = 'tip-value';
      val.textContent = `value: ${raw === null ? '(absent)' : formatValue(raw)}`;
      t.append(time, name, val);
      t.hidden = false;
      // Cursor positions are relative to the plot area; the tooltip lives in the outer box.
      const over = u.over.getBoundingClientRect();
      const outer = box.current!.getBoundingClientRect();
      const left = (u.cursor.left ?? 0) + over.left - outer.left;
      const flip = left > width / 2;
      t.style.left = flip ? '' : `${left + 16}px`;
      t.style.right = flip ? `${width - left + 16}px` : '';
      t.style.top = `${top + over.top - outer.top + 12}px`;
    };
    const u = new uPlot(opts, placeholderData(dataRef.current.columns[0]), box.current!);
    plot.current = u;
    return () => {
      lines.cancel();
      u.destroy();
      plot.current = null;
    };
    // Only shape changes rebuild; data changes go through setData below.
  }, [value, stacked, yFromZero, theme, width, data.drawnCount]);

  useEffect(() => {
    // The chart was just built from this very data: nothing to replace.
    if (createdWith.current === data) return;
    linesRef.current?.setData(data.columns.slice(1) as (number | null)[][], data.bases);
    plot.current?.setData(placeholderData(data.columns[0]), true);
  }, [data]);

  const toggle = (s: number, only: boolean) => {
    setVisible((prev) => {
      const n = data.drawnCount;
      const cur = prev ?? new Array<boolean>(n).fill(true);
      if (!only) {
        const next = cur.slice();
        next[s] = !next[s];
        return next;
      }
      const isolated = cur[s] && cur.every((x, i) => i === s || !x);
      return isolated ? null : cur.map((_, i) => i === s);
    });
  };

  const legend = [];
  // A long legend is rendered on request: thousands of entries cost the main thread time.
  const legendCount = legendAll ? data.drawnCount : Math.min(data.drawnCount, LEGEND_INITIAL);
  for (let s = 0; s < legendCount; s++) {
    const shown = !visible || visible[s];
    legend.push(
      <li key={s}>
        <button
          type="button"
          className={shown ? 'legend-item' : 'legend-item hidden-series'}
          aria-pressed={shown}
          onClick={(e) => toggle(s, !(e.ctrlKey || e.metaKey))}
          title="Click to isolate, Ctrl/Cmd+click to toggle"
        >
          <span className="swatch" style={{ background: seriesColor(s) }} />
          <span className="legend-name">{nameOf(value, s)}</span>
        </button>
      </li>,
    );
  }

  return (
    <div className="graph">
      {data.seriesCount > data.drawnCount && (
        <div className="notice" role="status">
          Showing the first {MAX_DRAWN_SERIES.toLocaleString('en-US')} of {data.seriesCount.toLocaleString('en-US')} series.
        </div>
      )}
      {data.seriesCount === 0 && (
        <div className="notice subtle" role="status" data-testid="graph-empty">
          Empty query result: no series have a value in this range.
        </div>
      )}
      {data.nonFinitePoints > 0 && (
        <div className="notice subtle">{data.nonFinitePoints} NaN/±Inf points are not drawn (hover shows them).</div>
      )}
      <div className="graph-canvas" ref={box} data-testid="graph" data-series={data.drawnCount}>
        <div className="graph-tooltip" ref={tip} hidden />
      </div>
      <ul className="legend" aria-label="Series">
        {legend}
      </ul>
      {legendCount < data.drawnCount && (
        <button type="button" className="link-button small" onClick={() => setLegendAll(true)}>
          Show all {data.drawnCount.toLocaleString('en-US')} legend entries
        </button>
      )}
    </div>
  );
}
