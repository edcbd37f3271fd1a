import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [join(ROOT, 'bin/promql.ts'), ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
let loadFile = '';
let promFile = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'promql-cli-'));
  loadFile = join(dir, 'data.test');
  // up{job="a"}: 0 -> 1, 1m -> 2, 2m -> 3; up{job="b"}: 0 at every minute.
  writeFileSync(loadFile, 'load 1m\n  up{job="a"} 1 2 3\n  up{job="b"} 0 0 0\n');
  promFile = join(dir, 'data.prom');
  // Prometheus text format: timestamps in ms.
  writeFileSync(promFile, '# TYPE x_total counter\nx_total{a="1"} 5 1700000000000\nx_total{a="1"} 65 1700000060000\n');
});

describe('promql eval', { timeout: 60_000 }, () => {
  it('prints an instant vector as API JSON', () => {
    const r = cli('eval', '--data', loadFile, '--time', '120', 'up');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.status).toBe('success');
    expect(j.data.resultType).toBe('vector');
    const byJob = Object.fromEntries(j.data.result.map((s: { metric: { job: string }; value: unknown }) => [s.metric.job, s]));
    expect(byJob.a).toEqual({ metric: { __name__: 'up', job: 'a' }, value: [120, '3'] });
    expect(byJob.b).toEqual({ metric: { __name__: 'up', job: 'b' }, value: [120, '0'] });
  });

  it('prints a range query as a matrix; RFC3339 times and PromQL durations work', () => {
    const r = cli('eval', '--data', loadFile, '--start', '1970-01-01T00:00:00Z', '--end', '120', '--step', '1m', 'up{job="a"} * 2');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[0, '2'], [60, '4'], [120, '6']] }] },
    });
  });

  it('reads Prometheus text exposition with ms timestamps; rate extrapolates to the window', () => {
    // (1699999940, 1700000060]: samples 5 and 65 a minute apart; dStart 60 < 66, zero point
    // 60*5/60 = 5 is closer: factor (60 + 5) / 60, increase 65, rate 65/120.
    const r = cli('eval', '--data', promFile, '--time', '1700000060', 'rate(x_total[2m])');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.data.result).toHaveLength(1);
    expect(j.data.result[0].metric).toEqual({ a: '1' });
    expect(j.data.result[0].value[0]).toBe(1700000060);
    expect(Number(j.data.result[0].value[1])).toBeCloseTo(65 / 120, 12);
  });

  it('queries a built-in generated dataset', () => {
    // web-service covers six hours from 2026-03-02T08:00:02Z; ask two hours in.
    const r = cli('eval', '--dataset', 'web-service', '--time', '2026-03-02T10:00:00Z', 'count(http_requests_total) > 0');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.data.resultType).toBe('vector');
    expect(j.data.result).toHaveLength(1);
    expect(j.data.result[0].value[0]).toBe(Date.parse('2026-03-02T10:00:00Z') / 1000);
  });

  it('exits 1 with one line on stderr and the API error JSON for a query error', () => {
    const r = cli('eval', '--data', loadFile, '--time', '0', 'rate(up)');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const j = JSON.parse(r.stdout);
    expect(j.status).toBe('error');
    expect(j.errorType).toBe('bad_data');
    expect(j.error).toMatch(/^invalid parameter "query": 1:\d+: parse error: /);
  });

  it('exits 2 on bad usage and 1 on bad files, with one line on stderr', () => {
    const cases: [string[], number][] = [
      [['eval', '--data', loadFile, '--time', '0'], 2],
      [['eval', '--data', loadFile, '--time', 'yesterday', 'up'], 2],
      [['eval', '--data', loadFile, 'up'], 2],
      [['eval', '--data', loadFile, '--start', '0', '--end', '60', 'up'], 2],
      [['frobnicate'], 2],
      [[], 2],
      [['eval', '--dataset', 'no-such-dataset', '--time', '0', 'up'], 2],
      [['eval', '--data', join(dir, 'missing.prom'), '--time', '0', 'up'], 1],
    ];
    for (const [args, code] of cases) {
      const r = cli(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), code]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const bad = join(dir, 'bad.prom');
    writeFileSync(bad, 'x 1 100\nx 2 50\n');
    const r = cli('eval', '--data', bad, '--time', '0', 'x');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.prom/);
  });
});

describe('promql batch', { timeout: 60_000 }, () => {
  it('answers a queries file in the oracle shape', () => {
    const queries = join(dir, 'queries.json');
    const out = join(dir, 'results.json');
    writeFileSync(
      queries,
      JSON.stringify([
        { id: 'i', type: 'instant', expr: 'up{job="a"}', time: 60 },
        { id: 'r', type: 'range', expr: 'sum(up)', start: 0, end: 120, step: 60 },
        { id: 'e', type: 'instant', expr: 'sum(', time: '60' },
      ]),
    );
    const r = cli('batch', '--data', loadFile, '--queries', queries, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.meta.series).toBe(2);
    expect(j.meta.samples).toBe(6);
    const [i, rr, e] = j.results;
    expect({ ...i, ms: 0 }).toEqual({
      id: 'i', expr: 'up{job="a"}', type: 'instant', params: { time: '60' }, ms: 0, http: 200, status: 'success',
      data: { resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'a' }, value: [60, '2'] }] },
    });
    expect(rr.params).toEqual({ start: '0', end: '120', step: '60' });
    expect(rr.data).toEqual({ resultType: 'matrix', result: [{ metric: {}, values: [[0, '1'], [60, '2'], [120, '3']] }] });
    expect([e.status, e.http, e.errorType]).toEqual(['error', 400, 'bad_data']);
  });
});
