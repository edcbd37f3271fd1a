/**
 * Tracked memory over the run for both evaluators on one axis (bytes against elapsed ms),
 * so a user sees the naive curve climb while the streaming one stays flat.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { WireStats } from '../../worker/protocol.ts';
import { chartColors } from '../chart/chart-theme.ts';
import { formatBytes, formatMs } from '../state/format.ts';

export const EVALUATOR_COLORS = { naive: '#d9622b', streaming: '#2b8ad9' } as const;

export function MemoryChart({ naive, streaming, theme }: { naive: WireStats | null; streaming: WireStats | null; theme: 'light' | 'dark' }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current!;
    const runs = [naive, streaming].filter((s): s is WireStats => s !== null && s.timelineMs.length > 0);
    if (runs.length === 0) return;
    const tables = runs.map((s) => [Array.from(s.timelineMs), Array.from(s.timelineBytes)] as uPlot.AlignedData);
    const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
    const colors = chartColors(theme);
    const axis = (): uPlot.Axis => ({ stroke: colors.axis, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } });
    const stepped = uPlot.paths.stepped!({ align: 1 });
    const u = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 150,
        legend: { show: true, live: false },
        cursor: { show: false },
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1024, max ?? 0) * 1.08] } },
        axes: [
          { ...axis(), values: (_u, splits) => splits.map((v) => formatMs(v)) },
          { ...axis(), size: 70, values: (_u, splits) => splits.map((v) => formatBytes(v)) },
        ],
        series: [{}, ...runs.map((s) => ({ label: s.evaluator, stroke: EVALUATOR_COLORS[s.evaluator], width: 2, spanGaps: true, paths: stepped, points: { show: false } }))],
      },
      data,
      el,
    );
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: 150 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
    };
  }, [naive, streaming, theme]);

  return <div className="memory-chart" ref={box} data-testid="memory-chart" aria-label="Tracked memory over the run" role="img" />;
}
