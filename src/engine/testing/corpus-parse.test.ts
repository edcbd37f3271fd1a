import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSeriesLine } from './engine-bindings.ts';
import { parseScript } from './script-parser.ts';
import { isFail, isOrdered, type EvalCmd } from './script.ts';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/promqltest/testdata');

/** evals / instant / range per file, from ../shared/promqltest/INVENTORY.md Table 1. */
const INVENTORY: Record<string, [number, number, number]> = {
  'aggregators.test': [160, 153, 7],
  'at_modifier.test': [78, 63, 15],
  'collision.test': [2, 2, 0],
  'duration_expression.test': [59, 30, 29],
  'extended_vectors.test': [169, 162, 7],
  'fill-modifier.test': [46, 39, 7],
  'functions.test': [431, 394, 37],
  'histograms.test': [185, 185, 0],
  'info.test': [53, 4, 49],
  'limit.test': [37, 13, 24],
  'literals.test': [25, 25, 0],
  'name_label_dropping.test': [30, 29, 1],
  'native_histograms.test': [522, 502, 20],
  'operators.test': [214, 113, 101],
  'range_queries.test': [18, 5, 13],
  'selectors.test': [31, 31, 0],
  'staleness.test': [17, 17, 0],
  'start_timestamps.test': [26, 7, 19],
  'subquery.test': [34, 34, 0],
  'trig_functions.test': [19, 19, 0],
  'type_and_unit.test': [58, 58, 0],
};

describe.skipIf(!existsSync(CORPUS))('the upstream corpus', () => {
  it('parses into exactly the eval commands INVENTORY.md counts, with no script errors', () => {
    const all: EvalCmd[] = [];
    for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.test')).sort()) {
      const p = parseScript(readFileSync(join(CORPUS, f), 'utf8'), { parseSeries: parseSeriesLine });
      expect([f, p.errors]).toEqual([f, []]);
      expect([f, p.commands.filter((c) => c.type === 'broken-eval')]).toEqual([f, []]);
      const evals = p.commands.filter((c): c is EvalCmd => c.type === 'eval');
      const counts = [evals.length, evals.filter((e) => !e.isRange).length, evals.filter((e) => e.isRange).length];
      expect([f, counts]).toEqual([f, INVENTORY[f]]);
      all.push(...evals);
    }
    // Feature totals from INVENTORY.md: fail 35, ordered 24, scalar 54, string 5, range vector 5,
    // no_warn 265, no_info 149, 3 legacy eval_fail headers, warn 90, info 132, empty 238.
    expect(all.filter(isFail).length).toBe(35);
    expect(all.filter(isOrdered).length).toBe(24);
    expect(all.filter((e) => e.expectScalar).length).toBe(54);
    expect(all.filter((e) => e.excludeFromRangeQuery && !e.isRange && e.endMs === Number.NEGATIVE_INFINITY).length).toBe(5);
    expect(all.filter((e) => !e.isRange && e.endMs !== Number.NEGATIVE_INFINITY).length).toBe(5);
    expect(all.filter((e) => e.expectNoWarn).length).toBe(265);
    expect(all.filter((e) => e.expectNoInfo).length).toBe(149);
    expect(all.filter((e) => e.legacyFail).length).toBe(3);
    expect(all.filter((e) => e.expectWarn.length > 0).length).toBe(90);
    expect(all.filter((e) => e.expectInfo.length > 0).length).toBe(132);
    // "empty": no result lines, and neither a fail nor a string case.
    const isString = (e: EvalCmd): boolean => e.excludeFromRangeQuery && !e.isRange && e.endMs === Number.NEGATIVE_INFINITY;
    expect(all.filter((e) => e.expected.size === 0 && !e.expectScalar && !isFail(e) && !isString(e)).length).toBe(238);
  });
});
