/**
 * Label sets. A `Labels` value is an array of name/value pairs sorted by name (in byte
 * order, see {@link compareStrings}), with unique names and no empty values (an empty
 * value means "label absent", as in Prometheus). `__name__` is an ordinary entry.
 * Label sets are immutable once built; build them with {@link labelsFromPairs} or
 * {@link LabelsBuilder}.
 *
 * Strings follow the engine's byte-string convention (see strings.ts): valid UTF-8 text
 * is an ordinary JS string; a byte that is not part of valid UTF-8 is the lone surrogate
 * U+DC00+byte (U+DC80..U+DCFF).
 */
export interface Label {
  readonly name: string;
  readonly value: string;
}
export type Labels = readonly Label[];

export const METRIC_NAME = '__name__';
/** Metadata labels that are dropped together with `__name__` (schema.IsMetadataLabel). */
export const TYPE_LABEL = '__type__';
export const UNIT_LABEL = '__unit__';

export const EMPTY_LABELS: Labels = Object.freeze([]) as Labels;

/**
 * Compares two strings in UTF-8 byte order, which is Unicode code point order. Plain `<`
 * on JS strings compares UTF-16 code units and differs only for astral characters vs
 * U+E000–U+FFFF; this handles that case.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      // Surrogates (D800–DFFF) encode code points above FFFF, which sort after E000–FFFF.
      const ka = ca >= 0xd800 && ca <= 0xdfff ? ca + 0x2000 : ca >= 0xe000 ? ca - 0x800 : ca;
      const kb = cb >= 0xd800 && cb <= 0xdfff ? cb + 0x2000 : cb >= 0xe000 ? cb - 0x800 : cb;
      return ka - kb;
    }
  }
  return a.length - b.length;
}

/** Builds a sorted label set from pairs, dropping empty values. Later duplicates win. */
export function labelsFromPairs(pairs: Iterable<readonly [string, string]>): Labels {
  const byName = new Map<string, string>();
  for (const [name, value] of pairs) byName.set(name, value);
  const out: Label[] = [];
  for (const [name, value] of byName) if (value !== '') out.push({ name, value });
  out.sort((x, y) => compareStrings(x.name, y.name));
  return out;
}

/** Builds a label set from a plain object (convenience for tests and loaders). */
export function labelsFromRecord(rec: Readonly<Record<string, string>>): Labels {
  return labelsFromPairs(Object.entries(rec));
}

export function labelsToRecord(labels: Labels): Record<string, string> {
  const rec: Record<string, string> = {};
  for (const l of labels) rec[l.name] = l.value;
  return rec;
}

/** The value of label `name`, or `''` when absent. */
export function getLabel(labels: Labels, name: string): string {
  for (let i = 0; i < labels.length; i++) if (labels[i].name === name) return labels[i].value;
  return '';
}

export function hasLabel(labels: Labels, name: string): boolean {
  for (let i = 0; i < labels.length; i++) if (labels[i].name === name) return true;
  return false;
}

/**
 * A string that identifies the label set exactly (two sets are equal iff their keys are).
 * Each string is prefixed by its length, so no choice of characters can make two
 * different sets collide.
 */
export function labelsKey(labels: Labels): string {
  let s = '';
  for (let i = 0; i < labels.length; i++) {
    const { name, value } = labels[i];
    s += name.length + ':' + name + value.length + ':' + value;
  }
  return s;
}

/** Prometheus `labels.Compare`: pairwise by name then value, a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let c = compareStrings(a[i].name, b[i].name);
    if (c !== 0) return c;
    c = compareStrings(a[i].value, b[i].value);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function labelsEqual(a: Labels, b: Labels): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name || a[i].value !== b[i].value) return false;
  return true;
}

/** Returns the labels without `__name__` (and the metadata labels `__type__`, `__unit__`). */
export function dropMetricName(labels: Labels): Labels {
  let keep = true;
  for (let i = 0; i < labels.length; i++) {
    const n = labels[i].name;
    if (n === METRIC_NAME || n === TYPE_LABEL || n === UNIT_LABEL) keep = false;
  }
  if (keep) return labels;
  return labels.filter((l) => l.name !== METRIC_NAME && l.name !== TYPE_LABEL && l.name !== UNIT_LABEL);
}

/** Only the labels whose names are in `names` (`by` grouping / `on` matching). */
export function keepLabels(labels: Labels, names: ReadonlySet<string>): Labels {
  return labels.filter((l) => names.has(l.name));
}

/** All labels except those whose names are in `names` (`without` / `ignoring`). */
export function removeLabels(labels: Labels, names: ReadonlySet<string>): Labels {
  return labels.filter((l) => !names.has(l.name));
}

/** Prometheus's text form: `name{a="b", c="d"}` or `{a="b"}`. Values are Go-%q quoted. */
export function formatLabels(labels: Labels): string {
  let name = '';
  const parts: string[] = [];
  for (const l of labels) {
    if (l.name === METRIC_NAME) name = l.value;
    else parts.push(`${l.name}=${JSON.stringify(l.value)}`);
  }
  return parts.length === 0 && name !== '' ? name : `${name}{${parts.join(', ')}}`;
}

/**
 * Incremental label-set editing (set/delete then build), for functions such as
 * label_replace and for aggregation/matching outputs.
 */
export class LabelsBuilder {
  private readonly map = new Map<string, string>();

  constructor(base: Labels = EMPTY_LABELS) {
    for (const l of base) this.map.set(l.name, l.value);
  }

  get(name: string): string {
    return this.map.get(name) ?? '';
  }

  /** Sets a label; an empty value deletes it. */
  set(name: string, value: string): this {
    if (value === '') this.map.delete(name);
    else this.map.set(name, value);
    return this;
  }

  delete(name: string): this {
    this.map.delete(name);
    return this;
  }

  build(): Labels {
    const out: Label[] = [];
    for (const [name, value] of this.map) out.push({ name, value });
    out.sort((x, y) => compareStrings(x.name, y.name));
    return out;
  }
}
