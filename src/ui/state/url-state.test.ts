import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import { DEFAULT_STATE, decodeLocation, encodeState, type PageState } from './url-state.ts';

describe('URL state', () => {
  it('round-trips every field through the hash', () => {
    const s: PageState = {
      expr: 'sum by (job) (rate(http_requests_total{status=~"5.."}[5m]))',
      datasetId: 'cardinality-lab',
      seriesCount: 20000,
      tab: 'table',
      endMs: 1_700_000_000_000,
      rangeMs: 3_600_000,
      stepMs: 15_000,
      stacked: true,
      yFromZero: true,
      statsOpen: false,
      memoryLimitBytes: 16 * 1024 * 1024,
    };
    const hash = encodeState(s);
    expect(hash.startsWith('#v1=')).toBe(true);
    expect(decodeLocation(hash, '')).toEqual(s);
  });

  it('writes only non-default fields and restores defaults', () => {
    const hash = encodeState({ ...DEFAULT_STATE, expr: 'up' });
    const json = LZString.decompressFromEncodedURIComponent(hash.slice('#v1='.length));
    expect(JSON.parse(json!)).toEqual({ e: 'up' });
    expect(decodeLocation(hash, '')).toEqual({ ...DEFAULT_STATE, expr: 'up' });
  });

  it('ignores other versions and garbage', () => {
    expect(decodeLocation('#v2=abc', '')).toBeNull();
    expect(decodeLocation('#v1=%%%', '')).toBeNull();
    expect(decodeLocation('', '')).toBeNull();
  });

  it('reads Prometheus-style g0 parameters from the query string', () => {
    const search = '?g0.expr=rate(up%5B5m%5D)&g0.tab=1&g0.range_input=1h30m&g0.end_input=2024-01-02%2003%3A04%3A05&g0.step_input=30';
    const s = decodeLocation('', search)!;
    expect(s.expr).toBe('rate(up[5m])');
    expect(s.tab).toBe('table');
    expect(s.rangeMs).toBe(5_400_000);
    expect(s.endMs).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(s.stepMs).toBe(30_000);
  });

  it('reads g0 parameters from the hash and the named tab form', () => {
    const s = decodeLocation('#g0.expr=up&g0.tab=graph&g0.range_input=2h', '')!;
    expect(s).toMatchObject({ expr: 'up', tab: 'graph', rangeMs: 7_200_000, endMs: null, stepMs: null });
  });

  it('our own hash wins over g0 parameters', () => {
    expect(decodeLocation(encodeState({ ...DEFAULT_STATE, expr: 'a' }), '?g0.expr=b')!.expr).toBe('a');
  });
});
