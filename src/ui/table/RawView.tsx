/** The raw view of a range-vector result (`foo[5m]`): every sample of every series with its timestamp. */
import type { WireValue } from '../../worker/protocol.ts';
import { formatTimeUTC, formatValue } from '../state/format.ts';
import { MAX_TABLE_ROWS, SeriesLabels } from './ResultTable.tsx';

export function RawView({ value }: { value: Extract<WireValue, { kind: 'matrix' }> }) {
  const n = value.labels.length;
  const shown = Math.min(n, MAX_TABLE_ROWS);
  const rows = [];
  for (let s = 0; s < shown; s++) {
    const from = value.offsets[s];
    const to = value.offsets[s + 1];
    const samples = [];
    for (let i = from; i < to; i++) {
      samples.push(
        <div key={i} className="raw-sample">
          <span className="num">{formatValue(value.v[i])}</span> <span className="subtle">@{value.t[i] / 1000}</span>{' '}
          <span className="subtle small">{formatTimeUTC(value.t[i])}</span>
        </div>,
      );
    }
    rows.push(
      <tr key={s}>
        <td>
          <SeriesLabels labels={value.labels[s]} />
        </td>
        <td>{samples.length ? samples : <span className="subtle">no samples</span>}</td>
      </tr>,
    );
  }
  return (
    <div className="table-wrap">
      <div className="subtle small">
        Range vector: {n.toLocaleString('en-US')} series, raw samples in the window ending {formatTimeUTC(value.timestamps[value.timestamps.length - 1] ?? 0)}
      </div>
      {n > shown && <div className="notice">Showing the first {shown} of {n} series.</div>}
      <table className="result-table" data-testid="raw-table">
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Samples (value @ unix seconds)</th>
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}
