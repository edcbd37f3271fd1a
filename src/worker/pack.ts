/**
 * Packs engine results into the wire shapes of protocol.ts: all series of a result share
 * one freshly allocated buffer per column, so a result crosses the worker boundary as a
 * handful of transferred buffers (and never detaches a buffer the engine might reuse).
 */
import type { Annotation, Labels, QueryStats, QueryValue } from '../engine/index.ts';
import type { WireAnnotation, WireLabels, WireStats, WireValue } from './protocol.ts';

/** Labels as `[name, value]` pairs, in the engine's (sorted) order. */
export function toWireLabels(labels: Labels): WireLabels {
  const out: [string, string][] = new Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = [labels[i].name, labels[i].value];
  return out;
}

/** Packs a value; returns it with the buffers to transfer. */
export function packValue(value: QueryValue): { value: WireValue; transfer: ArrayBuffer[] } {
  switch (value.kind) {
    case 'vector': {
      const steps = value.timestamps.length;
      const n = value.series.length;
      const values = new Float64Array(n * steps);
      const present = new Uint8Array(n * steps);
      const labels: WireLabels[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const s = value.series[i];
        labels[i] = toWireLabels(s.labels);
        values.set(s.values.subarray(0, steps), i * steps);
        present.set(s.present.subarray(0, steps), i * steps);
      }
      const timestamps = value.timestamps.slice();
      return {
        value: { kind: 'vector', timestamps, labels, values, present, ordered: value.ordered },
        transfer: [timestamps.buffer, values.buffer, present.buffer],
      };
    }
    case 'scalar': {
      const timestamps = value.timestamps.slice();
      const values = value.values.slice();
      return { value: { kind: 'scalar', timestamps, values }, transfer: [timestamps.buffer, values.buffer] };
    }
    case 'string': {
      const timestamps = value.timestamps.slice();
      return { value: { kind: 'string', timestamps, value: value.value }, transfer: [timestamps.buffer] };
    }
    case 'matrix': {
      const n = value.series.length;
      const offsets = new Uint32Array(n + 1);
      for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + value.series[i].t.length;
      const t = new Float64Array(offsets[n]);
      const v = new Float64Array(offsets[n]);
      const labels: WireLabels[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const s = value.series[i];
        labels[i] = toWireLabels(s.labels);
        t.set(s.t, offsets[i]);
        v.set(s.v, offsets[i]);
      }
      const timestamps = value.timestamps.slice();
      return {
        value: { kind: 'matrix', timestamps, labels, offsets, t, v },
        transfer: [timestamps.buffer, offsets.buffer, t.buffer, v.buffer],
      };
    }
  }
}

export function packAnnotations(list: readonly Annotation[]): WireAnnotation[] {
  return list.map((a) => ({ severity: a.severity, message: a.message, range: { from: a.range.from, to: a.range.to } }));
}

/** Packs stats; the memory timeline becomes two columns. */
export function packStats(stats: QueryStats): { stats: WireStats; transfer: ArrayBuffer[] } {
  const n = stats.memoryTimeline.length;
  const timelineMs = new Float64Array(n);
  const timelineBytes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timelineMs[i] = stats.memoryTimeline[i].elapsedMs;
    timelineBytes[i] = stats.memoryTimeline[i].bytes;
  }
  return {
    stats: {
      evaluator: stats.evaluator,
      phases: { ...stats.phases },
      wallMs: stats.wallMs,
      peakTrackedBytes: stats.peakTrackedBytes,
      timelineMs,
      timelineBytes,
      peakSamples: stats.peakSamples,
      samplesDecoded: stats.samplesDecoded,
      seriesOut: stats.seriesOut,
      nodes: stats.nodes.map((x) => ({ ...x })),
    },
    transfer: [timelineMs.buffer, timelineBytes.buffer],
  };
}
