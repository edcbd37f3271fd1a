/**
 * label_replace and label_join as transformations of one label set, compiled once per
 * call. The evaluator applies them to every series and then merges series that end
 * up with the same labels (mergeSeriesWithSameLabelset); when `dst` is `__name__` the
 * result keeps its name even where the input was marked to drop it.
 * Mirrors evalLabelReplace / evalLabelJoin, promql/functions.go.
 */
import type { RE2JS } from 're2js';
import { PromQLError } from '../model/errors.ts';
import type { Labels } from '../model/labels.ts';
import { getLabel, LabelsBuilder } from '../model/labels.ts';
import { compileAnchoredRegex } from '../model/matcher.ts';
import { isValidUtf8 } from '../model/strings.ts';

/**
 * Prometheus 3.x label-name validity (`model.UTF8Validation.IsValidLabelName`): any
 * non-empty valid UTF-8 string. Invalid bytes are the escaped surrogates of
 * model/strings.ts.
 */
export function isValidLabelNameUtf8(name: string): boolean {
  return name.length > 0 && isValidUtf8(name);
}

/** A compiled label_replace(…, dst, replacement, src, regex). */
export interface LabelReplacer {
  readonly dst: string;
  /**
   * The new label set, or `labels` itself (same reference) when the regex does not
   * match the source value. An empty result value removes `dst`.
   */
  apply(labels: Labels): Labels;
}

/**
 * Compiles label_replace's arguments. Throws PromQLError(`eval`) with Prometheus's
 * texts: `invalid regular expression in label_replace(): <regex>` (checked first) and
 * `invalid destination label name in label_replace(): <dst>`.
 */
export function compileLabelReplace(dst: string, replacement: string, src: string, regex: string): LabelReplacer {
  let re: RE2JS;
  try {
    re = compileAnchoredRegex(regex);
  } catch {
    throw new PromQLError('eval', 'bad_regex', `invalid regular expression in label_replace(): ${regex}`);
  }
  if (!isValidLabelNameUtf8(dst)) {
    throw new PromQLError('eval', 'bad_label_name', `invalid destination label name in label_replace(): ${dst}`);
  }
  const template = parseTemplate(replacement);
  const namedGroups = re.namedGroups();
  return {
    dst,
    apply(labels: Labels): Labels {
      const srcVal = getLabel(labels, src);
      const m = re.matcher(srcVal);
      if (!m.matches()) return labels;
      const groupCount = m.groupCount();
      const value = expandTemplate(template, namedGroups, (g) => (g <= groupCount ? m.group(g) : null));
      return new LabelsBuilder(labels).set(dst, value).build();
    },
  };
}

/** A compiled label_join(…, dst, separator, src…). */
export interface LabelJoiner {
  readonly dst: string;
  /** The new label set: `dst` set to the source values joined (absent ones as ''); empty removes it. */
  apply(labels: Labels): Labels;
}

/**
 * Compiles label_join's arguments. Throws PromQLError(`eval`) with Prometheus's texts:
 * `invalid source label name in label_join(): <src>` (each source first) and
 * `invalid destination label name in label_join(): <dst>`.
 */
export function compileLabelJoin(dst: string, separator: string, srcLabels: readonly string[]): LabelJoiner {
  for (const src of srcLabels) {
    if (!isValidLabelNameUtf8(src)) {
      throw new PromQLError('eval', 'bad_label_name', `invalid source label name in label_join(): ${src}`);
    }
  }
  if (!isValidLabelNameUtf8(dst)) {
    throw new PromQLError('eval', 'bad_label_name', `invalid destination label name in label_join(): ${dst}`);
  }
  const srcs = [...srcLabels];
  return {
    dst,
    apply(labels: Labels): Labels {
      let joined = '';
      for (let i = 0; i < srcs.length; i++) {
        if (i > 0) joined += separator;
        joined += getLabel(labels, srcs[i]);
      }
      return new LabelsBuilder(labels).set(dst, joined).build();
    },
  };
}

/**
 * A parsed Go regexp template: literal strings and group references (by number, or by
 * name when `num` is −1).
 */
type TemplatePart = { kind: 'text'; text: string } | { kind: 'group'; num: number; name: string };

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * Parses `$1`, `${1}`, `$name`, `${name}` and `$$` as Go's Regexp.Expand does: a name
 * is the longest run of letters, digits and `_` (so `$1x` names group "1x"); a number
 * with a leading zero is a name; a malformed `$` (no name, unclosed brace) is literal.
 * Mirrors regexp.(*Regexp).expand and extract, Go src/regexp/regexp.go.
 */
export function parseTemplate(template: string): readonly TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    text += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      text += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractGroupRef(rest);
    if (!ref) {
      text += '$';
      continue;
    }
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'group', num: ref.num, name: ref.name });
    rest = ref.rest;
  }
  text += rest;
  if (text !== '') parts.push({ kind: 'text', text });
  return parts;
}

function extractGroupRef(str: string): { name: string; num: number; rest: string } | undefined {
  if (str === '') return undefined;
  let brace = false;
  if (str[0] === '{') {
    brace = true;
    str = str.slice(1);
  }
  let i = 0;
  while (i < str.length) {
    const cp = str.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = str.slice(0, i);
  if (brace) {
    if (i >= str.length || str[i] !== '}') return undefined;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 0x30 || c > 0x39 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 0x30);
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}

/**
 * Expands a parsed template for one match. `group(i)` returns the text of group i or
 * null when it did not participate; unknown groups expand to ''. For a name, the
 * first group with that name is used.
 */
export function expandTemplate(
  parts: readonly TemplatePart[],
  namedGroups: Readonly<Record<string, number>>,
  group: (index: number) => string | null,
): string {
  let out = '';
  for (const p of parts) {
    if (p.kind === 'text') out += p.text;
    else if (p.num >= 0) out += group(p.num) ?? '';
    else {
      const idx = namedGroups[p.name];
      if (idx !== undefined) out += group(idx) ?? '';
    }
  }
  return out;
}
