/**
 * Module boundaries of DESIGN.md §1–2 and STYLE.md §2, checked on the source text:
 * the engine imports no UI, worker or DOM library; naive and streaming never import each
 * other; the UI reaches the engine only through the worker client (type-only imports of
 * the worker protocol are fine).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(e)) out.push(p);
  }
  return out;
}

/** Import specifiers of a file, with whether the import is type-only. */
function imports(file: string): { spec: string; typeOnly: boolean; resolved: string }[] {
  const text = readFileSync(file, 'utf8');
  const re = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  const out: { spec: string; typeOnly: boolean; resolved: string }[] = [];
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4] ?? m[5];
    const resolved = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : spec;
    out.push({ spec, typeOnly: Boolean(m[2]), resolved });
  }
  return out;
}

function violations(dir: string, bad: (imp: { spec: string; typeOnly: boolean; resolved: string }, file: string) => boolean): string[] {
  const found: string[] = [];
  for (const f of sourceFiles(join(root, dir))) {
    for (const imp of imports(f)) if (bad(imp, f)) found.push(`${relative(root, f)} imports ${imp.spec}`);
  }
  return found;
}

describe('module boundaries', () => {
  it('the engine imports no UI, worker, React, comlink or uPlot code', () => {
    expect(
      violations('src/engine', (i) => /^(react|react-dom|comlink|uplot|@codemirror|@prometheus-io)/.test(i.spec) || /^src\/(ui|worker|embed)\//.test(i.resolved)),
    ).toEqual([]);
  });

  it('naive and streaming never import each other', () => {
    expect(violations('src/engine/naive', (i) => i.resolved.startsWith('src/engine/streaming'))).toEqual([]);
    expect(violations('src/engine/streaming', (i) => i.resolved.startsWith('src/engine/naive'))).toEqual([]);
  });

  it('the UI reaches the engine only through the worker client', () => {
    expect(
      violations('src/ui', (i) => i.resolved.startsWith('src/engine') || (i.resolved.startsWith('src/worker/') && !i.resolved.startsWith('src/worker/client') && !(i.typeOnly && i.resolved.startsWith('src/worker/protocol')))),
    ).toEqual([]);
  });

  it('code outside the engine imports it only through src/engine/index.ts', () => {
    const outside = ['src/worker', 'src/ui', 'bin', 'bench', 'e2e'];
    const found = outside.flatMap((d) =>
      violations(d, (i) => i.resolved.startsWith('src/engine/') && !/^src\/engine\/index(\.ts)?$/.test(i.resolved)),
    );
    expect(found).toEqual([]);
  });
});
