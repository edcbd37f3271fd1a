/**
 * Corpus tests: reads the upstream promqltest corpus (../shared/promqltest/testdata) and
 * extracts eval expressions and series lines, splitting blocks as FORMAT.md §1/§6 describe.
 * Used only by the parser's tests.
 */
import { describe, expect, it } from 'vitest';
import { parseSeriesDescription } from './series-description.ts';
import { parse } from './parser.ts';
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
