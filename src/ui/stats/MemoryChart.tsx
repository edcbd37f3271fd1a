/**
 * Tracked memory over the run for both evaluators on one axis (bytes against elapsed ms),
 * so a user sees the naive curve climb while the streaming one stays flat.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { WireStats } from '../../worker/protocol.ts';
import { chartColors } from '../chart/chart-theme.ts';
import { formatBytes } from '../state/format.ts';

const BINARY_INCRS = Array.from({ length: 48 }, (_, i) => 2 ** i);

/** Compact elapsed-time tick labels: `0`, `250ms`, `1.5s`. */
function formatAxisMs(ms: number): string {
  if (ms === 0) return '0';
  if (Math.abs(ms) < 1) return `${+(ms * 1000).toPrecision(3)}µs`;
  if (Math.abs(ms) < 1000) return `${+ms.toPrecision(3)}ms`;
  return `${+(ms / 1000).toPrecision(3)}s`;
}

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
        height: 170,
        legend: { show: true, live: false },
        cursor: { show: false },
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1024, max ?? 0) * 1.08] } },
        axes: [
          { ...axis(), space: 60, values: (_u, splits) => splits.map(formatAxisMs) },
          // Binary steps (1, 2, 4 … KiB/MiB) so tick labels are round in the units shown.
          { ...axis(), size: 64, incrs: BINARY_INCRS, values: (_u, splits) => splits.map((v) => formatBytes(v).replace(/\.0+ /, ' ')) },
        ],
        series: [{}, ...runs.map((s) => ({ label: s.evaluator, stroke: EVALUATOR_COLORS[s.evaluator], width: 2, spanGaps: true, paths: stepped, points: { show: false } }))],
      },
      data,
      el,
    );
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: 170 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
    };
  }, [naive, streaming, theme]);

  return <div className="memory-chart" ref={box} data-testid="memory-chart" aria-label="Tracked memory over the run" role="img" />;
}
