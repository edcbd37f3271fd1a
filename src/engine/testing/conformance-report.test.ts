import { describe, expect, it } from 'vitest';
import { compareCaseIds, jsonReport, newFindings, reportFile, updatedKnownFailures } from './conformance-report.ts';
import type { CaseResult } from './runner.ts';

const cases: CaseResult[] = [
  { line: 3, expr: 'a', outcomes: { naive: { status: 'pass' }, streaming: { status: 'fail', reason: 'boom' } }, mismatches: [{ expr: 'a', query: 'q', diff: 'd' }], queries: 2 },
  { line: 7, expr: 'b', outcomes: { naive: { status: 'fail', reason: 'old' }, streaming: { status: 'fail', reason: 'new' } }, mismatches: [], queries: 2 },
  { line: 9, expr: 'c', outcomes: { naive: { status: 'skip', reason: 'nh' }, streaming: { status: 'skip', reason: 'nh' } }, mismatches: [], queries: 0 },
];

describe('reportFile', () => {
  it('classifies against the known list per evaluator', () => {
    const f = newFindings();
    const rows = reportFile('x.test', cases, ['naive', 'streaming'], { naive: { 'x.test:3': 'was broken', 'x.test:7': 'known' } }, f);
    expect(rows.map(({ passed, failed, knownFailing, skipped }) => [passed, failed, knownFailing, skipped])).toEqual([
      [1, 0, 1, 1],
      [0, 2, 0, 1],
    ]);
    expect(f.nowPassing.get('naive')).toEqual(['x.test:3']);
    expect([...(f.newFailures.get('streaming') ?? new Map()).keys()]).toEqual(['x.test:3', 'x.test:7']);
    expect(f.newFailures.get('naive')).toBeUndefined();
    expect(f.mismatches).toEqual([{ id: 'x.test:3', expr: 'a', query: 'q', diff: 'd' }]);
    expect(jsonReport(rows, 1)).toMatchObject({ totals: { naive: { passed: 1, failed: 0, knownFailing: 1, skipped: 1 } }, mismatches: 1 });
  });
});

describe('updatedKnownFailures', () => {
  it('replaces entries of the files that ran, keeps reasons and other files', () => {
    const f = newFindings();
    reportFile('x.test', cases, ['naive'], {}, f);
    const next = updatedKnownFailures(
      { naive: { 'x.test:3': 'fixed now', 'x.test:7': 'kept reason', 'y.test:1': 'other file' }, streaming: { 'x.test:1': 'not run' } },
      ['naive'],
      new Set(['x.test']),
      f,
    );
    expect(next).toEqual({ naive: { 'x.test:7': 'kept reason', 'y.test:1': 'other file' }, streaming: { 'x.test:1': 'not run' } });
  });
  it('orders ids by file then line number', () => {
    expect(['a.test:10', 'a.test:9', 'A.test:1'].sort(compareCaseIds)).toEqual(['A.test:1', 'a.test:9', 'a.test:10']);
  });
});
