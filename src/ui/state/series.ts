/** Helpers over wire results for display: series names, colours. */
import type { WireLabels } from '../../worker/protocol.ts';

/** Prometheus's text form: `name{a="b", c="d"}`; `{}` for an empty set. */
export function seriesName(labels: WireLabels): string {
  let name = '';
  const parts: string[] = [];
  for (const [k, v] of labels) {
    if (k === '__name__') name = v;
    else parts.push(`${k}=${JSON.stringify(v)}`);
  }
  if (parts.length === 0) return name === '' ? '{}' : name;
  return `${name}{${parts.join(', ')}}`;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** A stable colour for series i (a fixed palette, then golden-angle hues). */
export function seriesColor(i: number): string {
  if (i < PALETTE.length) return PALETTE[i];
  const hue = (i * 137.508) % 360;
  return `hsl(${hue.toFixed(1)}, 62%, 48%)`;
}
