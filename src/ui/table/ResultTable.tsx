/**
 * The table view for instant vectors, scalars and strings: every series with all its labels
 * and its value, sortable by series or value. For a range result the value at the last
 * step is shown. At most {@link MAX_TABLE_ROWS} rows are rendered.
 */
import { useEffect, useMemo, useState } from 'react';
import type { WireLabels, WireValue } from '../../worker/protocol.ts';
import { formatTimeUTC, formatValue } from '../state/format.ts';

export const MAX_TABLE_ROWS = 2000;

/** Rows rendered at first and added per "show more", so big results render in small steps. */
export const TABLE_PAGE_ROWS = 500;

/** Metric name in bold, then the labels, as Prometheus's table shows them. */
export function SeriesLabels({ labels }: { labels: WireLabels }) {
  let name = '';
  const rest: (readonly [string, string])[] = [];
  for (const l of labels) {
    if (l[0] === '__name__') name = l[1];
    else rest.push(l);
  }
  return (
    <span className="series-labels">
      {name && <span className="metric-name">{name}</span>}
      {'{'}
      {rest.map(([k, v], i) => (
        <span key={k}>
          <span className="label-name">{k}</span>=<span className="label-value">{JSON.stringify(v)}</span>
          {i < rest.length - 1 ? ', ' : ''}
        </span>
      ))}
      {'}'}
    </span>
  );
}

type SortKey = 'series' | 'value';

interface Row {
  readonly index: number;
  readonly labels: WireLabels;
  readonly key: string;
  readonly value: number;
}

function lastValue(v: Extract<WireValue, { kind: 'vector' }>, s: number): number | null {
  const steps = v.timestamps.length;
  for (let i = steps - 1; i >= 0; i--) if (v.present[s * steps + i]) return v.values[s * steps + i];
  return null;
}

/** Sorts values numerically with NaN last (as a person expects), keeping the engine order on ties. */
function compareValues(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function ResultTable({ value }: { value: WireValue }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean } | null>(null);
  const [limit, setLimit] = useState(TABLE_PAGE_ROWS);
  useEffect(() => setLimit(TABLE_PAGE_ROWS), [value]);

  const rows = useMemo((): Row[] => {
    if (value.kind !== 'vector') return [];
    const out: Row[] = [];
    for (let s = 0; s < value.labels.length; s++) {
      const val = lastValue(value, s);
      if (val === null) continue;
      out.push({ index: s, labels: value.labels[s], key: value.labels[s].map(([k, x]) => `${k}=${x}`).join(','), value: val });
    }
    if (sort) {
      const dir = sort.desc ? -1 : 1;
      out.sort((a, b) => {
        if (sort.key === 'value') {
          // NaN sorts last in both directions.
          const an = Number.isNaN(a.value);
          const bn = Number.isNaN(b.value);
          if (an !== bn) return an ? 1 : -1;
          return dir * compareValues(a.value, b.value) || a.index - b.index;
        }
        return dir * (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.index - b.index;
      });
    }
    return out;
  }, [value, sort]);

  if (value.kind === 'scalar' || value.kind === 'string') {
    const text = value.kind === 'scalar' ? formatValue(value.values[value.values.length - 1]) : JSON.stringify(value.value);
    return (
      <table className="result-table" data-testid="result-table">
        <thead>
          <tr>
            <th scope="col">{value.kind}</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{value.kind}</td>
            <td className="num">{text}</td>
          </tr>
        </tbody>
      </table>
    );
  }
  if (value.kind !== 'vector') return null;

  const header = (key: SortKey, label: string) => {
    const active = sort?.key === key;
    const ariaSort = active ? (sort!.desc ? 'descending' : 'ascending') : 'none';
    return (
      <th scope="col" aria-sort={ariaSort} className={key === 'value' ? 'num' : undefined}>
        <button type="button" className="sort-button" onClick={() => setSort(active ? (sort!.desc ? null : { key, desc: true }) : { key, desc: false })}>
          {label} {active ? (sort!.desc ? '▼' : '▲') : ''}
        </button>
      </th>
    );
  };

  const shown = rows.slice(0, Math.min(limit, MAX_TABLE_ROWS));
  return (
    <div className="table-wrap">
      {value.timestamps.length > 0 && (
        <div className="subtle small">
          {rows.length.toLocaleString('en-US')} series at {formatTimeUTC(value.timestamps[value.timestamps.length - 1])}
          {value.ordered ? ' (order is part of the result)' : ''}
        </div>
      )}
      {rows.length > shown.length && (
        <div className="notice" role="status">
          Showing the first {shown.length.toLocaleString('en-US')} of {rows.length.toLocaleString('en-US')} series.{' '}
          {shown.length < MAX_TABLE_ROWS && (
            <button type="button" className="link-button" onClick={() => setLimit((l) => l + TABLE_PAGE_ROWS)}>
              Show {Math.min(TABLE_PAGE_ROWS, rows.length - shown.length, MAX_TABLE_ROWS - shown.length)} more
            </button>
          )}
        </div>
      )}
      <table className="result-table" data-testid="result-table">
        <thead>
          <tr>
            {header('series', 'Series')}
            {header('value', 'Value')}
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={2} className="subtle">
                Empty query result
              </td>
            </tr>
          )}
          {shown.map((r) => (
            <tr key={r.index}>
              <td>
                <SeriesLabels labels={r.labels} />
              </td>
              <td className="num">{formatValue(r.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
