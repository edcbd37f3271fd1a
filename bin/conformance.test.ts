import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function conformance(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [join(ROOT, 'bin/conformance.ts'), ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run conformance', { timeout: 120_000 }, () => {
  it('counts, writes JSON, honours and updates the known-failure list, and reports fixed cases', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const pass = join(dir, 'pass.test');
    const fail = join(dir, 'fail.test');
    const known = join(dir, 'known.json');
    const out = join(dir, 'out.json');
    writeFileSync(pass, 'load 1m\n  foo 1 2\n\neval instant at 1m foo\n  foo 2\n');
    writeFileSync(fail, 'load 1m\n  foo 1\n\neval instant at 0 foo\n  foo 7\n');
    writeFileSync(known, '{"naive": {}}\n');
    const failId = `${relative(ROOT, fail)}:4`;

    const r1 = conformance('--evaluator', 'naive', '--known-failures', known, '--json', out, pass, fail);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toContain(`${failId}: error in eval foo (line 4): expected 7 for foo but got 1`);
    const j1 = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(j1)).toEqual(['totals', 'mismatches', 'files']);
    expect(j1.totals).toEqual({ naive: { passed: 1, failed: 1, knownFailing: 0, skipped: 0 } });
    expect(j1.mismatches).toBe(0);
    expect(j1.files[1]).toEqual({
      file: relative(ROOT, fail),
      evaluator: 'naive',
      passed: 0,
      failed: 1,
      knownFailing: 0,
      skipped: 0,
      failures: [{ line: 4, expr: 'foo', reason: 'error in eval foo (line 4): expected 7 for foo but got 1' }],
    });

    const r2 = conformance('--evaluator', 'naive', '--known-failures', known, '--update-known-failures', pass, fail);
    expect(r2.code).toBe(0);
    expect(JSON.parse(readFileSync(known, 'utf8'))).toEqual({ naive: { [failId]: 'error in eval foo (line 4): expected 7 for foo but got 1' } });

    const r3 = conformance('--evaluator', 'naive', '--known-failures', known, '--json', out, pass, fail);
    expect(r3.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).totals.naive).toEqual({ passed: 1, failed: 0, knownFailing: 1, skipped: 0 });

    writeFileSync(fail, 'load 1m\n  foo 1\n\neval instant at 0 foo\n  foo 1\n');
    const r4 = conformance('--evaluator', 'naive', '--known-failures', known, pass, fail);
    expect(r4.code).toBe(0);
    expect(r4.stdout).toContain('now passes, remove it');
    expect(r4.stdout).toContain(failId);
  });

  it('rejects bad options with exit code 2', () => {
    const r = conformance('--evaluator', 'fast');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--evaluator must be naive, streaming or both');
  });
});
