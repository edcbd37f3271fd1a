/**
 * Pure bookkeeping of a conformance run (no I/O): classifying case outcomes against the
 * known-failure list, per-file and total counts, the `--json` report shape, and
 * rewriting the known-failure list (`--update-known-failures`).
 */
import type { CaseResult, EvaluatorName, Mismatch } from './runner.ts';

/** fixtures/conformance/known-failures.json: evaluator → case id (`<file>:<line>`) → reason. */
export type KnownFailures = Partial<Record<EvaluatorName, Record<string, string>>>;

/** Case counts of one file × evaluator, or totals. */
export interface Counts {
  passed: number;
  failed: number;
  knownFailing: number;
  skipped: number;
}

/** One failing case in the `--json` report. */
export interface FailureEntry {
  readonly line: number;
  readonly expr: string;
  readonly reason: string;
}

/** One file × evaluator row of the report. */
export interface FileReport extends Counts {
  readonly file: string;
  readonly evaluator: EvaluatorName;
  /** Every failing case (new and known), with its reason. */
  readonly failures: FailureEntry[];
}

/** A naive/streaming difference, with its case id. */
export interface FileMismatch extends Mismatch {
  readonly id: string;
}

/** Everything a run found, beyond the counts. */
export interface RunFindings {
  /** Failing cases not in the known list: id → reason. */
  readonly newFailures: Map<EvaluatorName, Map<string, string>>;
  /** Known failures that pass now. */
  readonly nowPassing: Map<EvaluatorName, string[]>;
  readonly mismatches: FileMismatch[];
  /** Current failure reason of every failing case (for --update-known-failures). */
  readonly allFailures: Map<EvaluatorName, Map<string, string>>;
}

/** All-zero counts. */
export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, knownFailing: 0, skipped: 0 };
}

/** Empty findings for a new run. */
export function newFindings(): RunFindings {
  return { newFailures: new Map(), nowPassing: new Map(), mismatches: [], allFailures: new Map() };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

function put<K>(m: Map<K, Map<string, string>>, k: K, id: string, reason: string): void {
  let inner = m.get(k);
  if (!inner) m.set(k, (inner = new Map()));
  inner.set(id, reason);
}

/** Classifies one file's cases for each evaluator and records findings. */
export function reportFile(
  file: string,
  cases: readonly CaseResult[],
  evaluators: readonly EvaluatorName[],
  known: KnownFailures,
  findings: RunFindings,
): FileReport[] {
  const rows: FileReport[] = [];
  for (const ev of evaluators) {
    const row: FileReport = { file, evaluator: ev, ...emptyCounts(), failures: [] };
    const knownForEv = known[ev] ?? {};
    for (const c of cases) {
      const id = `${file}:${c.line}`;
      const o = c.outcomes[ev];
      if (o === undefined) continue;
      const isKnown = Object.prototype.hasOwnProperty.call(knownForEv, id);
      if (o.status === 'skip') row.skipped++;
      else if (o.status === 'pass') {
        row.passed++;
        if (isKnown) push(findings.nowPassing, ev, id);
      } else {
        row.failures.push({ line: c.line, expr: c.expr, reason: o.reason });
        put(findings.allFailures, ev, id, o.reason);
        if (isKnown) row.knownFailing++;
        else {
          row.failed++;
          put(findings.newFailures, ev, id, o.reason);
        }
      }
    }
    rows.push(row);
  }
  for (const c of cases) for (const m of c.mismatches) findings.mismatches.push({ id: `${file}:${c.line}`, ...m });
  return rows;
}

/** Sums rows per evaluator. */
export function totals(rows: readonly FileReport[]): Partial<Record<EvaluatorName, Counts>> {
  const out: Partial<Record<EvaluatorName, Counts>> = {};
  for (const r of rows) {
    const t = (out[r.evaluator] ??= emptyCounts());
    t.passed += r.passed;
    t.failed += r.failed;
    t.knownFailing += r.knownFailing;
    t.skipped += r.skipped;
  }
  return out;
}

/** The `--json` document: exactly {totals, mismatches, files}. */
export function jsonReport(rows: readonly FileReport[], mismatchCount: number): unknown {
  return {
    totals: totals(rows),
    mismatches: mismatchCount,
    files: rows.map((r) => ({
      file: r.file,
      evaluator: r.evaluator,
      passed: r.passed,
      failed: r.failed,
      knownFailing: r.knownFailing,
      skipped: r.skipped,
      failures: r.failures,
    })),
  };
}

const MAX_REASON = 400;

/**
 * The known-failure list after this run: for every evaluator that ran, entries of the
 * files that ran are replaced by the current failures (an existing reason is kept, a new
 * one gets the failure text); everything else is kept as it was. Keys come out sorted.
 */
export function updatedKnownFailures(
  old: KnownFailures,
  evaluators: readonly EvaluatorName[],
  filesRun: ReadonlySet<string>,
  findings: RunFindings,
): KnownFailures {
  const out: KnownFailures = {};
  const allEvaluators = new Set<EvaluatorName>([...(Object.keys(old) as EvaluatorName[]), ...evaluators]);
  for (const ev of allEvaluators) {
    const prev = old[ev] ?? {};
    const next: Record<string, string> = {};
    const ran = evaluators.includes(ev);
    for (const [id, reason] of Object.entries(prev)) {
      const file = id.slice(0, id.lastIndexOf(':'));
      if (!ran || !filesRun.has(file)) next[id] = reason;
    }
    if (ran) {
      for (const [id, reason] of findings.allFailures.get(ev) ?? []) {
        next[id] = prev[id] ?? (reason.length > MAX_REASON ? reason.slice(0, MAX_REASON) + '…' : reason);
      }
    }
    const sorted: Record<string, string> = {};
    for (const id of Object.keys(next).sort(compareCaseIds)) sorted[id] = next[id];
    out[ev] = sorted;
  }
  return out;
}

/** Orders `<file>:<line>` ids by file, then numerically by line. */
export function compareCaseIds(a: string, b: string): number {
  const ia = a.lastIndexOf(':');
  const ib = b.lastIndexOf(':');
  const fa = a.slice(0, ia);
  const fb = b.slice(0, ib);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return Number(a.slice(ia + 1)) - Number(b.slice(ib + 1));
}
