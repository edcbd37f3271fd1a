/**
 * `npm run conformance -- [--evaluator naive|streaming|both] [--json OUT]
 * [--update-known-failures] [PATH…]`: runs Prometheus's promqltest scripts
 * (../shared/promqltest/testdata) and ours (fixtures/promqltest) against the engine,
 * prints a line per file and totals per evaluator, and exits non-zero on any failure
 * that is not in fixtures/conformance/known-failures.json or on any naive/streaming
 * mismatch.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  jsonReport,
  createTestEngine,
  newFindings,
  reportFile,
  runScript,
  totals,
  updatedKnownFailures,
  type EvaluatorName,
  type FileReport,
  type KnownFailures,
} from '../src/engine/index.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UPSTREAM_DIR = resolve(REPO_ROOT, '../shared/promqltest/testdata');
const OURS_DIR = join(REPO_ROOT, 'fixtures/promqltest');
const DEFAULT_KNOWN_FAILURES = join(REPO_ROOT, 'fixtures/conformance/known-failures.json');
const USAGE = 'usage: npm run conformance -- [--evaluator naive|streaming|both] [--json OUT] [--update-known-failures] [--known-failures FILE] [--verbose] [PATH | FILE:LINE …]';

interface Args {
  evaluators: EvaluatorName[];
  json: string | null;
  update: boolean;
  paths: string[];
  verbose: boolean;
  /** The known-failure list (default fixtures/conformance/known-failures.json). */
  known: string;
}

function usage(msg: string): never {
  process.stderr.write(`conformance: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { evaluators: ['naive', 'streaming'], json: null, update: false, paths: [], verbose: false, known: DEFAULT_KNOWN_FAILURES };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--evaluator') {
      const v = argv[++i];
      if (v === 'naive' || v === 'streaming') a.evaluators = [v];
      else if (v === 'both') a.evaluators = ['naive', 'streaming'];
      else usage(`--evaluator must be naive, streaming or both, got ${JSON.stringify(v)}`);
    } else if (x === '--json') {
      const v = argv[++i];
      if (v === undefined) usage('--json needs a file name');
      a.json = v;
    } else if (x === '--known-failures') {
      const v = argv[++i];
      if (v === undefined) usage('--known-failures needs a file name');
      a.known = resolve(v);
    } else if (x === '--update-known-failures') a.update = true;
    else if (x === '--verbose' || x === '-v') a.verbose = true;
    else if (x === '--help' || x === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (x.startsWith('--')) usage(`unknown option ${x}`);
    else a.paths.push(x);
  }
  return a;
}

function testFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test'))
    .sort()
    .map((f) => join(dir, f));
}

/** The id prefix of a file: its name for upstream scripts, its repo-relative path otherwise. */
function fileId(path: string): string {
  const abs = resolve(path);
  if (dirname(abs) === UPSTREAM_DIR) return basename(abs);
  return relative(REPO_ROOT, abs);
}

interface Target {
  readonly file: string;
  /** Only these eval lines (from `FILE:LINE` arguments), or null for all. */
  readonly lines: Set<number> | null;
}

/**
 * The scripts to run. A PATH is a file, a directory of `*.test` files, or `FILE:LINE` for
 * one case; a bare upstream name such as `functions.test` is looked up in the corpus.
 */
function collectTargets(paths: string[]): Target[] {
  if (paths.length === 0) {
    const files: string[] = [];
    if (existsSync(UPSTREAM_DIR)) files.push(...testFilesIn(UPSTREAM_DIR));
    else process.stdout.write(`NOTE: upstream scripts not found at ${UPSTREAM_DIR}; running only fixtures/promqltest\n`);
    if (existsSync(OURS_DIR)) files.push(...testFilesIn(OURS_DIR));
    return files.map((file) => ({ file, lines: null }));
  }
  const byFile = new Map<string, Set<number> | null>();
  for (const arg of paths) {
    let p = arg;
    let line: number | null = null;
    const m = /^(.*):(\d+)$/.exec(arg);
    if (m !== null && !existsSync(arg)) {
      p = m[1];
      line = Number(m[2]);
    }
    if (!existsSync(p) && existsSync(join(UPSTREAM_DIR, p))) p = join(UPSTREAM_DIR, p);
    if (!existsSync(p)) usage(`no such file or directory: ${p}`);
    const files = statSync(p).isDirectory() ? testFilesIn(p) : [p];
    for (const f of files) {
      const key = resolve(f);
      if (line === null) byFile.set(key, null);
      else if (!byFile.has(key)) byFile.set(key, new Set([line]));
      else byFile.get(key)?.add(line);
    }
  }
  return [...byFile].map(([file, lines]) => ({ file, lines }));
}

function readKnown(path: string): KnownFailures {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as KnownFailures;
  } catch (e) {
    process.stderr.write(`conformance: ${path}: ${(e as Error).message}\n`);
    process.exit(1);
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const targets = collectTargets(args.paths);
  const engine = createTestEngine();
  const known = readKnown(args.known);
  const findings = newFindings();
  const rows: FileReport[] = [];
  const filesRun = new Set<string>();
  let scriptErrors = 0;
  const t0 = performance.now();
  for (const { file: f, lines } of targets) {
    const id = fileId(f);
    // A partial run of a file must not drop that file's other known failures on update.
    if (lines === null) filesRun.add(id);
    const text = readFileSync(f, 'utf8');
    const t1 = performance.now();
    const res = runScript(text, engine, { evaluators: args.evaluators, ...(lines !== null ? { onlyLines: lines } : {}) });
    const ms = performance.now() - t1;
    if (lines !== null) {
      const found = new Set(res.cases.map((c) => c.line));
      for (const l of lines) if (!found.has(l)) process.stdout.write(`NOTE: ${id}:${l} is not the line of an eval header\n`);
    }
    const fileRows = reportFile(id, res.cases, args.evaluators, known, findings);
    rows.push(...fileRows);
    const queries = res.cases.reduce((n, c) => n + c.queries, 0);
    const parts = fileRows.map((r) => `${r.evaluator}: ${r.passed} passed, ${r.failed} failed, ${r.knownFailing} known-failing, ${r.skipped} skipped`);
    process.stdout.write(`${pad(id, 34)} ${parts.join(' | ')}  (${queries} queries, ${(ms / 1000).toFixed(1)}s)\n`);
    for (const e of res.errors) {
      scriptErrors++;
      process.stdout.write(`  script error ${id}:${e.line}: ${e.message}\n`);
    }
    if (args.verbose) {
      for (const r of fileRows) for (const x of r.failures) process.stdout.write(`  [${r.evaluator}] ${id}:${x.line} ${x.expr}\n      ${x.reason}\n`);
      for (const c of res.cases) {
        const o = c.outcomes[args.evaluators[0]];
        if (o?.status === 'skip') process.stdout.write(`  [skipped] ${id}:${c.line} ${c.expr}: ${o.reason}\n`);
      }
    }
  }
  const tot = totals(rows);
  process.stdout.write(`\nTotals (${targets.length} files, ${((performance.now() - t0) / 1000).toFixed(1)}s):\n`);
  for (const ev of args.evaluators) {
    const t = tot[ev] ?? { passed: 0, failed: 0, knownFailing: 0, skipped: 0 };
    process.stdout.write(`  ${pad(ev, 10)} passed ${t.passed}, failed ${t.failed}, known-failing ${t.knownFailing}, skipped ${t.skipped}\n`);
  }
  for (const [ev, ids] of findings.newFailures) {
    process.stdout.write(`\nNew failures (${ev}, ${ids.size}):\n`);
    let n = 0;
    for (const [id, reason] of ids) {
      if (n++ >= 50 && !args.verbose) {
        process.stdout.write(`  … and ${ids.size - 50} more (use --verbose or --json)\n`);
        break;
      }
      process.stdout.write(`  ${id}: ${reason.length > 300 ? reason.slice(0, 300) + '…' : reason}\n`);
    }
  }
  for (const [ev, ids] of findings.nowPassing) {
    process.stdout.write(`\nKnown failures that now pass (${ev}, ${ids.length}) — now passes, remove it:\n`);
    for (const id of ids) process.stdout.write(`  ${id}\n`);
  }
  if (findings.mismatches.length > 0) {
    process.stdout.write(`\nNaive/streaming mismatches (${findings.mismatches.length}):\n`);
    for (const m of findings.mismatches.slice(0, 100)) process.stdout.write(`  ${m.id} ${m.query} ${m.expr}\n      ${m.diff}\n`);
  }
  if (args.json !== null) writeFileSync(args.json, JSON.stringify(jsonReport(rows, findings.mismatches.length), null, 2) + '\n');
  if (args.update) {
    const next = updatedKnownFailures(known, args.evaluators, filesRun, findings);
    writeFileSync(args.known, JSON.stringify(next, null, 2) + '\n');
    process.stdout.write(`\nUpdated ${relative(REPO_ROOT, args.known)}\n`);
  }
  const newFailureCount = [...findings.newFailures.values()].reduce((n, m) => n + m.size, 0);
  const bad = (!args.update && newFailureCount > 0) || findings.mismatches.length > 0;
  if (scriptErrors > 0) process.stdout.write(`\n${scriptErrors} script error(s) (the cases they affect are counted as failures)\n`);
  process.exit(bad ? 1 : 0);
}

main().catch((e: unknown) => {
  process.stderr.write(`conformance: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
