/**
 * label_replace and label_join in the naive evaluator: they rewrite series labels only,
 * then merge series that end up with the same labels (failing when two of them have a
 * value at the same step). Mirrors evalLabelReplace / evalLabelJoin, promql/functions.go.
 */
import type { Call, StringLiteral } from '../parser/ast.ts';
import { LabelsBuilder, METRIC_NAME, getLabel } from '../model/labels.ts';
import { PromQLError } from '../model/errors.ts';
import { compileAnchoredRegex } from '../model/matcher.ts';
import { mergeSeriesWithSameLabelset } from '../kernels/name-dropping.ts';
import { isValidLabelName } from '../kernels/aggregation-count-values.ts';
import type { Grid } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import type { NSeries, NVector } from './values.ts';

function str(e: Call, i: number): string {
  return (e.args[i] as StringLiteral).value;
}

/** Go's `regexp.Regexp.Expand` for a template over one match (`$1`, `${name}`, `$$`). */
export function expandTemplate(template: string, group: (numOrName: number | string) => string | null): string {
  let out = '';
  let t = template;
  for (;;) {
    const d = t.indexOf('$');
    if (d < 0) break;
    out += t.slice(0, d);
    t = t.slice(d + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    let s = t;
    let brace = false;
    if (s.startsWith('{')) {
      brace = true;
      s = s.slice(1);
    }
    const m = /^[\p{L}\p{Nd}_]+/u.exec(s);
    if (!m || (brace && s[m[0].length] !== '}')) {
      out += '$';
      continue;
    }
    const name = m[0];
    t = s.slice(name.length + (brace ? 1 : 0));
    let num = /^[0-9]+$/.test(name) && name.length <= 8 ? Number(name) : -1;
    if (name.length > 1 && name[0] === '0') num = -1;
    const v = group(num >= 0 ? num : name);
    if (v !== null) out += v;
  }
  return out + t;
}

export function evalLabelReplace(ev: NaiveEvaluator, e: Call, g: Grid): NVector {
  const dst = str(e, 1);
  const repl = str(e, 2);
  const src = str(e, 3);
  const regexStr = str(e, 4);
  let re;
  try {
    re = compileAnchoredRegex(regexStr);
  } catch {
    throw new PromQLError('eval', 'bad_regex', `invalid regular expression in label_replace(): ${regexStr}`);
  }
  if (!isValidLabelName(dst)) throw new PromQLError('eval', 'invalid_label_name', `invalid destination label name in label_replace(): ${dst}`);
  const v = ev.eval(e.args[0], g);
  if (v.kind !== 'vector') throw new RangeError('label_replace over a non-vector');
  const groupCount = re.groupCount();
  const named = re.namedGroups();
  for (const s of v.series) {
    const srcVal = getLabel(s.labels, src);
    const m = re.matcher(srcVal);
    if (!m.matches()) continue;
    const res = expandTemplate(repl, (k) => {
      const idx = typeof k === 'number' ? k : named[k];
      if (idx === undefined || idx > groupCount) return null;
      return m.group(idx);
    });
    s.labels = new LabelsBuilder(s.labels).set(dst, res).build();
    if (dst === METRIC_NAME) s.dropName = false;
  }
  return merge(ev, v);
}

export function evalLabelJoin(ev: NaiveEvaluator, e: Call, g: Grid): NVector {
  const dst = str(e, 1);
  const sep = str(e, 2);
  const srcLabels: string[] = [];
  for (let i = 3; i < e.args.length; i++) {
    const src = str(e, i);
    if (!isValidLabelName(src)) throw new PromQLError('eval', 'invalid_label_name', `invalid source label name in label_join(): ${src}`);
    srcLabels.push(src);
  }
  if (!isValidLabelName(dst)) throw new PromQLError('eval', 'invalid_label_name', `invalid destination label name in label_join(): ${dst}`);
  const v = ev.eval(e.args[0], g);
  if (v.kind !== 'vector') throw new RangeError('label_join over a non-vector');
  for (const s of v.series) {
    const joined = srcLabels.map((l) => getLabel(s.labels, l)).join(sep);
    s.labels = new LabelsBuilder(s.labels).set(dst, joined).build();
    if (dst === METRIC_NAME) s.dropName = false;
  }
  return merge(ev, v);
}

function merge(ev: NaiveEvaluator, v: NVector): NVector {
  const merged = mergeSeriesWithSameLabelset<NSeries>(v.series, (s) => ev.acc.releaseSeries(s));
  for (const s of merged) ev.acc.sealSeries(s);
  return { kind: 'vector', series: merged };
}
