/**
 * Corpus tests: reads the upstream promqltest corpus (../shared/promqltest/testdata) and
 * extracts eval expressions and series lines, splitting blocks as FORMAT.md §1/§6 describe.
 * Used only by the parser's tests.
 */
import { describe, expect, it } from 'vitest';
import { parseSeriesDescription } from './series-description.ts';
import { PromQLError } from '../model/errors.ts';
import { parse } from './parser.ts';
import { printExpr } from './printer.ts';
import { addAtModifier, callsAtModifierUnsafeFunction } from './preprocess.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/promqltest/testdata');

interface CorpusLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

interface CorpusContent {
  readonly exprs: CorpusLine[];
  readonly seriesLines: CorpusLine[];
}

const INSTANT_RE = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const RANGE_RE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

/** Null when the corpus folder is absent. */
function readCorpus(): CorpusContent | null {
  if (!existsSync(CORPUS_DIR)) return null;
  const exprs: CorpusLine[] = [];
  const seriesLines: CorpusLine[] = [];
  for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.test')).sort()) {
    const lines = readFileSync(join(CORPUS_DIR, file), 'utf8').split('\n').map((l) => l.trim());
    let mode: 'none' | 'load' | 'eval' = 'none';
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i];
      const text = raw.startsWith('#') ? '' : raw;
      if (text === '') {
        mode = 'none';
        continue;
      }
      if (mode === 'none') {
        const word = text.split(/[ \t]/)[0].toLowerCase();
        if (word.startsWith('load')) mode = 'load';
        else if (word.startsWith('eval')) {
          mode = 'eval';
          const m = INSTANT_RE.exec(text);
          const r = RANGE_RE.exec(text);
          if (m) exprs.push({ file, line: i + 1, text: m[3] });
          else if (r) exprs.push({ file, line: i + 1, text: r[5] });
        }
        continue;
      }
      if (mode === 'load') {
        if (text.split(/[ \t]/)[0].endsWith('@st')) continue;
        seriesLines.push({ file, line: i + 1, text });
        continue;
      }
      // Eval body: expectations, expected scalars and strings are not series lines.
      if (/^expect(ed_fail_\w+)?(\s|$)/.test(text)) continue;
      if (/^[+-]?(\d[\d_]*(\.\d*)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|0[xX][\da-fA-F]+|inf|infinity|nan)$/i.test(text)) continue;
      seriesLines.push({ file, line: i + 1, text });
    }
  }
  return { exprs, seriesLines };
}

describe('corpus series lines', () => {
  const corpus = readCorpus();
  it.skipIf(corpus === null)('every load and expected-result line of ../shared/promqltest/testdata parses', () => {
    const failures: string[] = [];
    for (const l of corpus!.seriesLines) {
      try {
        parseSeriesDescription(l.text);
      } catch (e) {
        failures.push(`${l.file}:${l.line}: ${l.text}: ${(e as Error).message}`);
      }
    }
    console.log(`series lines parsed: ${corpus!.seriesLines.length - failures.length}/${corpus!.seriesLines.length}`);
    expect(failures).toEqual([]);
    expect(corpus!.seriesLines.length).toBeGreaterThan(1000);
  });
});

describe('corpus eval expressions', () => {
  const corpus = readCorpus();
  it.skipIf(corpus === null)('every eval expression of ../shared/promqltest/testdata parses and type-checks', () => {
    const failures: string[] = [];
    for (const l of corpus!.exprs) {
      try {
        parse(l.text);
      } catch (e) {
        failures.push(`${l.file}:${l.line}: ${l.text}: ${(e as Error).message}`);
      }
    }
    console.log(`eval expressions parsed: ${corpus!.exprs.length - failures.length}/${corpus!.exprs.length}`);
    expect(failures).toEqual([]);
    expect(corpus!.exprs.length).toBeGreaterThan(2000);
  });
});

/**
 * The tree without positions (and without matcher closures), for structural comparison.
 * Matchers are compared as a set: the printer sorts them, as Prometheus's does.
 */
function shape(e: unknown): unknown {
  return JSON.parse(
    JSON.stringify(e, (k, v) => {
      if (k === 'range') return undefined;
      if (k === 'matchers') return (v as { type: string; name: string; value: string }[]).map((m) => `${m.name}${m.type}${m.value}`).sort();
      return v;
    }),
  );
}

describe('corpus printer round trip', () => {
  const corpus = readCorpus();
  it.skipIf(corpus === null)('printExpr(parse(q)) re-parses to the same tree, and so do its @-modified variants', () => {
    const failures: string[] = [];
    let variants = 0;
    for (const l of corpus!.exprs) {
      const e = parse(l.text);
      const printed = printExpr(e);
      try {
        const again = parse(printed);
        if (JSON.stringify(shape(again)) !== JSON.stringify(shape(e))) failures.push(`${l.file}:${l.line}: ${l.text} -> ${printed}: tree differs`);
        if (printExpr(again) !== printed) failures.push(`${l.file}:${l.line}: ${printed} prints as ${printExpr(again)}`);
      } catch (err) {
        failures.push(`${l.file}:${l.line}: ${l.text} -> ${printed}: ${(err as Error).message}`);
      }
      if (!callsAtModifierUnsafeFunction(e)) {
        variants++;
        const withAt = printExpr(addAtModifier(e, 12345));
        try {
          const p = parse(withAt);
          if (printExpr(p) !== withAt) failures.push(`${l.file}:${l.line}: @ variant ${withAt} prints as ${printExpr(p)}`);
        } catch (err) {
          failures.push(`${l.file}:${l.line}: @ variant ${withAt}: ${(err as Error).message}`);
        }
      }
    }
    console.log(`printer round trips: ${corpus!.exprs.length - failures.length}/${corpus!.exprs.length}; @ variants checked: ${variants}`);
    expect(failures).toEqual([]);
  });
});

describe('mutated corpus expressions', () => {
  const corpus = readCorpus();
  it.skipIf(corpus === null)('never fail with anything but a parse error, and print stably when valid (seeded)', () => {
    let seed = 20261203;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = '(){}[],:@+-*/%^=!~<>"\'`#. \n_xab0159emsMNaIfon';
    const problems: string[] = [];
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      let s = corpus!.exprs[Math.floor(rnd() * corpus!.exprs.length)].text;
      for (let k = 0; k < 2; k++) {
        const p = Math.floor(rnd() * (s.length + 1));
        s = rnd() < 0.5 ? s.slice(0, p) + s.slice(p + 1) : s.slice(0, p) + alphabet[Math.floor(rnd() * alphabet.length)] + s.slice(p);
      }
      try {
        const printed = printExpr(parse(s));
        valid++;
        if (printExpr(parse(printed)) !== printed) problems.push(`unstable print: ${JSON.stringify(s)}`);
      } catch (e) {
        if (!(e instanceof PromQLError) || e.kind !== 'parse') problems.push(`${JSON.stringify(s)}: ${String(e)}`);
      }
    }
    console.log(`mutated expressions: ${valid}/5000 valid, all others rejected with parse errors`);
    expect(problems).toEqual([]);
  });
});
