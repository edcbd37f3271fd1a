import { describe, expect, it } from 'vitest';
import { formatLabels, getLabel, type Labels } from '../model/labels.ts';
import { datasetSpec, listDatasets } from './catalog.ts';
import { generateSeries, timeGridOf } from './generate.ts';
import { resolveParams } from './params.ts';
import type { DatasetSpec } from './spec.ts';

interface Collected {
  readonly labels: Labels;
  readonly name: string;
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly stale: Uint8Array | null;
}

function collect(spec: DatasetSpec, params: Record<string, number> = {}): Collected[] {
  const out: Collected[] = [];
  generateSeries(spec, resolveParams(spec, params), {
    series(labels, t, v, stale, n) {
      out.push({ labels, name: getLabel(labels, '__name__'), t: t.slice(0, n), v: v.slice(0, n), stale: stale ? stale.slice(0, n) : null });
    },
  });
  return out;
}

const cache = new Map<string, Collected[]>();
function dataset(id: string): Collected[] {
  let d = cache.get(id);
  if (!d) cache.set(id, (d = collect(datasetSpec(id))));
  return d;
}

/** Value changes between consecutive non-stale samples (as PromQL's changes()). */
function changes(s: Collected): number {
  let n = 0;
  let prev = Number.NaN;
  for (let i = 0; i < s.t.length; i++) {
    if (s.stale?.[i] === 1) continue;
    if (i > 0 && prev === prev && s.v[i] !== prev) n++;
    prev = s.v[i];
  }
  return n;
}

function byName(series: Collected[], name: string): Collected[] {
  return series.filter((s) => s.name === name);
}

/** Counter decreases (resets), ignoring staleness markers. */
function resets(s: Collected): number {
  let n = 0;
  let prev = Number.NaN;
  for (let i = 0; i < s.t.length; i++) {
    if (s.stale?.[i] === 1) continue;
    if (s.v[i] < prev) n++;
    prev = s.v[i];
  }
  return n;
}

describe('generateSeries determinism', () => {
  it('gives identical series (labels, times, values bit for bit) on every run', () => {
    const a = collect(datasetSpec('kubernetes'));
    const b = collect(datasetSpec('kubernetes'));
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) {
      const what = formatLabels(a[i].labels);
      if (formatLabels(b[i].labels) !== what) throw new Error(`series ${i} differs: ${what}`);
      if (b[i].t.length !== a[i].t.length || (a[i].stale === null) !== (b[i].stale === null)) throw new Error(`length or staleness differs: ${what}`);
      for (let j = 0; j < a[i].t.length; j++) {
        if (a[i].t[j] !== b[i].t[j] || !Object.is(a[i].v[j], b[i].v[j]) || (a[i].stale?.[j] ?? 0) !== (b[i].stale?.[j] ?? 0)) throw new Error(`sample ${j} differs: ${what}`);
      }
    }
  });

  it('gives different values for a different seed', () => {
    const spec = datasetSpec('web-service');
    const a = byName(collect(spec), 'http_requests_total');
    const b = byName(collect({ ...spec, seed: spec.seed + 1 }), 'http_requests_total');
    expect(b.map((s) => formatLabels(s.labels))).toEqual(a.map((s) => formatLabels(s.labels)));
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i].v[a[i].v.length - 1] === b[i].v[b[i].v.length - 1]) same++;
    expect(same).toBeLessThan(a.length / 10);
  });
});

describe('series counts follow the specs', () => {
  it('web service: 3 jobs × 3 instances, requests by 2 methods × 4 statuses × 4 handlers, histograms of 3 handlers with 12 buckets', () => {
    const d = dataset('web-service');
    expect(byName(d, 'up').length).toBe(9);
    expect(byName(d, 'http_requests_total').length).toBe(9 * 2 * 4 * 4);
    expect(byName(d, 'http_request_duration_seconds_bucket').length).toBe(9 * 3 * 12);
    expect(byName(d, 'http_request_duration_seconds_count').length).toBe(9 * 3);
    const jobs = new Set(byName(d, 'up').map((s) => getLabel(s.labels, 'job')));
    expect([...jobs].sort()).toEqual(['api', 'checkout', 'frontend']);
  });

  it('node hosts: CPU series are cores × 8 modes per host, with 2, 4 or 8 cores', () => {
    const cpu = byName(dataset('node-hosts'), 'node_cpu_seconds_total');
    const perHost = new Map<string, Set<string>>();
    for (const s of cpu) {
      const inst = getLabel(s.labels, 'instance');
      if (!perHost.has(inst)) perHost.set(inst, new Set());
      perHost.get(inst)!.add(getLabel(s.labels, 'cpu'));
    }
    expect(perHost.size).toBe(12);
    let total = 0;
    for (const cores of perHost.values()) {
      expect([2, 4, 8]).toContain(cores.size);
      total += cores.size * 8;
    }
    expect(cpu.length).toBe(total);
    expect(byName(dataset('node-hosts'), 'node_uname_info').length).toBe(12);
  });

  it('cardinality lab: seriesCount series per main family, clamped to 1,000–50,000', () => {
    const spec = datasetSpec('cardinality-lab');
    const d = collect(spec, { seriesCount: 1000 });
    expect(byName(d, 'lab_requests_total').length).toBe(1000);
    expect(byName(d, 'lab_queue_length').length).toBe(1000);
    expect(byName(d, 'lab_request_duration_seconds_bucket').length).toBe(1000);
    expect(byName(d, 'lab_instance_info').length).toBe(100);
    expect(resolveParams(spec, { seriesCount: 60000 }).seriesCount).toBe(50000);
    expect(resolveParams(spec, { seriesCount: 10 }).seriesCount).toBe(1000);
    expect(() => resolveParams(spec, { nope: 1 })).toThrow(RangeError);
  });
});

describe('sample shapes', () => {
  it('puts every sample on the 15 s grid of its target, ascending, inside the span', () => {
    const spec = datasetSpec('web-service');
    const grid = timeGridOf(spec, {});
    expect(grid.endMs - grid.startMs).toBe(6 * 3600_000);
    for (const s of dataset('web-service')) {
      for (let i = 0; i < s.t.length; i++) {
        if (!Number.isSafeInteger(s.t[i])) throw new Error(`non-integer time: ${formatLabels(s.labels)}`);
        if (s.t[i] < grid.startMs || s.t[i] >= grid.endMs) throw new Error(`sample outside span: ${formatLabels(s.labels)}`);
        if (i > 0 && (s.t[i] - s.t[i - 1]) % 15_000 !== 0) throw new Error(`off-grid sample: ${formatLabels(s.labels)}`);
        if (i > 0 && s.t[i] <= s.t[i - 1]) throw new Error(`not ascending: ${formatLabels(s.labels)}`);
      }
    }
  });

  it('keeps counters monotonic except for resets at process restarts, and has some resets', () => {
    const d = dataset('web-service');
    const restartsByInstance = new Map<string, number>();
    for (const s of byName(d, 'process_start_time_seconds')) restartsByInstance.set(getLabel(s.labels, 'instance'), changes(s));
    let totalResets = 0;
    for (const name of ['http_requests_total', 'process_cpu_seconds_total', 'http_request_duration_seconds_count', 'http_request_duration_seconds_bucket']) {
      for (const s of byName(d, name)) {
        const r = resets(s);
        const restarts = restartsByInstance.get(getLabel(s.labels, 'instance')) ?? 0;
        // A reset only where the process restarted (and at most once per restart).
        if (r > restarts) throw new Error(`${formatLabels(s.labels)}: ${r} resets but ${restarts} restarts`);
        totalResets += r;
      }
    }
    expect(totalResets).toBeGreaterThan(0);
    // Busy series reset at every restart.
    for (const s of byName(d, 'http_requests_total').filter((x) => getLabel(x.labels, 'status') === '200' && getLabel(x.labels, 'handler') === '/api/items')) {
      expect(resets(s)).toBe(restartsByInstance.get(getLabel(s.labels, 'instance')));
    }
  });

  it('keeps node CPU counters monotonic except at reboots', () => {
    const d = dataset('node-hosts');
    const boots = new Map<string, number>();
    for (const s of byName(d, 'node_boot_time_seconds')) boots.set(getLabel(s.labels, 'instance'), changes(s));
    for (const s of byName(d, 'node_cpu_seconds_total')) expect(resets(s)).toBeLessThanOrEqual(boots.get(getLabel(s.labels, 'instance')) ?? 0);
  });

  it('makes cumulative histogram buckets: non-decreasing in le, +Inf equal to _count', () => {
    const d = dataset('web-service');
    const groups = new Map<string, Collected[]>();
    for (const s of byName(d, 'http_request_duration_seconds_bucket')) {
      const key = `${getLabel(s.labels, 'instance')}|${getLabel(s.labels, 'handler')}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(s);
    }
    const counts = new Map(byName(d, 'http_request_duration_seconds_count').map((s) => [`${getLabel(s.labels, 'instance')}|${getLabel(s.labels, 'handler')}`, s]));
    expect(groups.size).toBe(27);
    for (const [key, buckets] of groups) {
      const le = (s: Collected): number => Number(getLabel(s.labels, 'le') === '+Inf' ? Infinity : getLabel(s.labels, 'le'));
      buckets.sort((a, b) => le(a) - le(b));
      const count = counts.get(key)!;
      for (let i = 0; i < count.v.length; i++) {
        if (count.stale?.[i] === 1) continue;
        for (let j = 1; j < buckets.length; j++) if (buckets[j].v[i] < buckets[j - 1].v[i]) throw new Error(`bucket order broken in ${key} at ${i}`);
        if (buckets[buckets.length - 1].v[i] !== count.v[i]) throw new Error(`+Inf bucket differs from _count in ${key} at ${i}`);
      }
      // Not degenerate: the lowest bucket holds fewer observations than +Inf at the end.
      const last = count.v.length - 1;
      expect(buckets[0].v[last]).toBeLessThan(buckets[buckets.length - 1].v[last]);
    }
  });

  it('writes staleness markers when a target misses scrapes, and up is 0 meanwhile', () => {
    const d = dataset('web-service');
    const downUp = byName(d, 'up').filter((s) => s.v.some((x) => x === 0));
    expect(downUp.length).toBeGreaterThan(0);
    for (const up of downUp) {
      const instance = getLabel(up.labels, 'instance');
      const firstDown = up.t[up.v.indexOf(0)];
      const g = byName(d, 'go_goroutines').find((s) => getLabel(s.labels, 'instance') === instance)!;
      const idx = Array.from(g.t).indexOf(firstDown);
      expect(idx).toBeGreaterThan(0);
      expect(g.stale?.[idx]).toBe(1);
      expect(Number.isNaN(g.v[idx])).toBe(true);
      // The series comes back after the outage.
      expect(g.stale?.[g.t.length - 1]).toBe(0);
    }
  });

  it('replaces some Kubernetes pods: the old pod goes stale before the end, the new one starts later', () => {
    const spec = datasetSpec('kubernetes');
    const grid = timeGridOf(spec, {});
    const info = byName(dataset('kubernetes'), 'kube_pod_info');
    const ended = info.filter((s) => s.stale?.[s.t.length - 1] === 1);
    const late = info.filter((s) => s.t[0] > grid.startMs + 60_000);
    expect(ended.length).toBeGreaterThan(0);
    expect(late.length).toBeGreaterThanOrEqual(ended.length);
    expect(new Set(info.map((s) => getLabel(s.labels, 'pod'))).size).toBe(info.length);
  });

  it('keeps gauges within their bounds and memory available below total', () => {
    const d = dataset('node-hosts');
    const total = new Map(byName(d, 'node_memory_MemTotal_bytes').map((s) => [getLabel(s.labels, 'instance'), s.v[0]]));
    for (const s of byName(d, 'node_memory_MemAvailable_bytes')) {
      const t = total.get(getLabel(s.labels, 'instance'))!;
      for (let i = 0; i < s.v.length; i++) {
        if (s.stale?.[i] === 1) continue;
        if (!(s.v[i] >= 200_000_000 && s.v[i] < t && s.v[i] % 4096 === 0)) throw new Error(`${formatLabels(s.labels)}: ${s.v[i]} at ${i} (total ${t})`);
      }
    }
  });
});

describe('listDatasets', () => {
  it('describes four datasets with 5–10 captioned example queries and a range inside the span', () => {
    const list = listDatasets();
    expect(list.map((d) => d.id)).toEqual(['web-service', 'node-hosts', 'kubernetes', 'cardinality-lab']);
    for (const d of list) {
      expect(d.description.length).toBeGreaterThan(100);
      expect(d.exampleQueries.length).toBeGreaterThanOrEqual(5);
      expect(d.exampleQueries.length).toBeLessThanOrEqual(10);
      for (const q of d.exampleQueries) expect(q.caption.length).toBeGreaterThan(0);
      const grid = timeGridOf(datasetSpec(d.id), resolveParams(datasetSpec(d.id)));
      expect(d.defaultRange.startMs).toBe(grid.startMs);
      expect(d.defaultRange.endMs).toBeLessThanOrEqual(grid.endMs);
      expect((d.defaultRange.endMs - d.defaultRange.startMs) % d.defaultRange.stepMs).toBe(0);
    }
    expect(list[3].seriesCount).toEqual({ min: 1000, max: 50000, default: 2000 });
  });
});
