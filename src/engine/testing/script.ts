/**
 * The parsed form of a promqltest script (FORMAT.md §1–6): a list of commands in file
 * order. Mirrors the command types of `promql/promqltest/test.go` (loadCmd, clearCmd,
 * evalCmd, expectCmd). Times are integer ms from the Unix epoch.
 */
import type { Labels } from '../model/labels.ts';

/**
 * One slot of a series line (`parser.SequenceValue`): `omitted` for `_`; `stale` for a
 * staleness marker (its value is NaN and meaningless); `histogram` when the slot holds a
 * native-histogram literal (the harness does not model native histograms: such cases
 * are skipped, see runner.ts).
 */
export interface SequenceValue {
  readonly omitted: boolean;
  readonly value: number;
  readonly stale: boolean;
  readonly histogram: boolean;
}

/** A series line: its label set and its value slots. */
export interface SeriesLine {
  readonly labels: Labels;
  readonly values: readonly SequenceValue[];
}

/**
 * Parses one series line (`metric{l="v"} 1 2x3 _ stale`, FORMAT.md §4), throwing an
 * Error with the parser's message when it does not parse. Supplied by parser/.
 */
export type SeriesDescriptionParser = (line: string) => SeriesLine;

/** One float/stale sample to append, with an optional start timestamp (`@st` lines). */
export interface LoadSample {
  readonly t: number;
  readonly v: number;
  readonly stale: boolean;
  /** Start timestamp in ms, or null. */
  readonly st: number | null;
}

/** One series of a `load` block. Float slots become samples; histogram slots are counted only. */
export interface LoadSeries {
  readonly labels: Labels;
  readonly samples: readonly LoadSample[];
  /** True when any slot held a native-histogram literal. */
  readonly hasHistograms: boolean;
}

/** A `load <interval>` or `load_with_nhcb <interval>` block. */
export interface LoadCmd {
  readonly type: 'load';
  /** 1-based line of the `load` header. */
  readonly line: number;
  readonly intervalMs: number;
  readonly withNHCB: boolean;
  /** In first-definition order; a later line with the same label set replaced the earlier one. */
  readonly series: readonly LoadSeries[];
  /** Set when the block did not parse: every eval until the next `clear` fails with this. */
  readonly broken?: string;
}

/** `clear`: start again with an empty storage. */
export interface ClearCmd {
  readonly type: 'clear';
  readonly line: number;
}

/** A compiled Go (RE2) regular expression, matched unanchored (Go `MatchString`). */
export interface TextPattern {
  test(s: string): boolean;
  readonly source: string;
}

/** `expect fail|warn|info … msg:|regex:` (expectCmd): exact message or unanchored regex. */
export interface ExpectMatcher {
  readonly message: string | null;
  readonly regex: TextPattern | null;
  /** The text as written, for failure messages. */
  readonly text: string;
}

/** An expected series: its label set, its position among result lines (1-based), and slots. */
export interface ExpectedSeries {
  readonly labels: Labels;
  readonly pos: number;
  readonly values: readonly SequenceValue[];
}

/** An `eval instant|range` block with its expectations (evalCmd). */
export interface EvalCmd {
  readonly type: 'eval';
  /** 1-based line of the eval header; the case id is `<file>:<line>`. */
  readonly line: number;
  readonly expr: string;
  readonly isRange: boolean;
  /**
   * Range evals: the query range. Instant evals: start = eval time, end = -Infinity and
   * step 0 (Go's zero time.Time, so any matrix point is "after the end"), unless
   * `expect range vector` set all three.
   */
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
  /** The instant evaluation time (`at`, or `to` of `expect range vector`). */
  readonly evalMs: number;
  /** Deprecated suffixed forms: eval_fail / eval_warn / eval_info / eval_ordered. */
  readonly legacyFail: boolean;
  readonly legacyWarn: boolean;
  readonly legacyInfo: boolean;
  readonly legacyOrdered: boolean;
  /** `expected_fail_message` / `expected_fail_regexp` (only after eval_fail). */
  readonly expectedFailMessage: string | null;
  readonly expectedFailRegexp: TextPattern | null;
  readonly expectFail: readonly ExpectMatcher[];
  readonly expectWarn: readonly ExpectMatcher[];
  readonly expectInfo: readonly ExpectMatcher[];
  readonly expectNoWarn: boolean;
  readonly expectNoInfo: boolean;
  readonly expectOrdered: boolean;
  /** A bare-number result line was given. */
  readonly expectScalar: boolean;
  readonly expectedScalar: SequenceValue | null;
  /** Keyed by labelsKey; a later line with the same labels replaces the earlier one. */
  readonly expected: ReadonlyMap<string, ExpectedSeries>;
  /** `expect string "…"`, or '' when none was given. */
  readonly expectedString: string;
  /** `expect range vector …` or `expect string …` was used: no range-mode cross-check. */
  readonly excludeFromRangeQuery: boolean;
  /** Some expected value is a native-histogram literal. */
  readonly expectsHistograms: boolean;
}

/** A script command. */
export type Command = LoadCmd | ClearCmd | EvalCmd;

/** A script-level problem (upstream: the whole file is invalid); reported per line. */
export interface ScriptError {
  readonly line: number;
  readonly message: string;
}

/** An eval whose header or body does not parse: reported as a failing case. */
export interface BrokenEval {
  readonly type: 'broken-eval';
  readonly line: number;
  readonly expr: string;
  readonly message: string;
}

/** A parsed script: commands in file order and script-level problems. */
export interface ParsedScript {
  readonly commands: readonly (Command | BrokenEval)[];
  /** Problems outside eval blocks (bad load lines, unknown commands). */
  readonly errors: readonly ScriptError[];
}

/** True when the eval must fail (`expect fail` or legacy `eval_fail`). */
export function isFail(cmd: EvalCmd): boolean {
  return cmd.legacyFail || cmd.expectFail.length > 0;
}

/** True when the eval is ordered (`expect ordered` or legacy `eval_ordered`). */
export function isOrdered(cmd: EvalCmd): boolean {
  return cmd.legacyOrdered || cmd.expectOrdered;
}
