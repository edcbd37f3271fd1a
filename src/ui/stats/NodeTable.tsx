/**
 * Per-node (naive) and per-operator (streaming) figures side by side: time, series out and
 * peak tracked bytes for each sub-expression, indented by depth. Rows pair up by position
 * when both evaluators report the same labels; otherwise each evaluator gets its own list.
 */
import type { WireNodeStats } from '../../worker/protocol.ts';
import { formatBytes, formatCount, formatMs } from '../state/format.ts';

function Cell({ n }: { n: WireNodeStats | undefined }) {
  if (!n) return <td className="num subtle">–</td>;
  if (!n.timed) {
    return (
      <td className="num subtle" title="Not timed on its own: its time and memory count in the row of the function that reads it.">
        in caller
      </td>
    );
  }
  return (
    <td className="num">
      {formatMs(n.timeMs)}
      <br />
      <span className="subtle">{formatBytes(n.peakBytes)}</span>
    </td>
  );
}

function Label({ n }: { n: WireNodeStats }) {
  return (
    <td className="node-label" style={{ paddingLeft: `${4 + n.depth * 10}px` }} title={n.label}>
      <span className="mono">{n.label}</span>
      {n.timed && <span className="subtle small"> · {formatCount(n.seriesOut)} series</span>}
    </td>
  );
}

export function NodeTable({ naive, streaming }: { naive: readonly WireNodeStats[]; streaming: readonly WireNodeStats[] }) {
  const paired = naive.length === streaming.length && naive.every((n, i) => n.label === streaming[i].label && n.depth === streaming[i].depth);
  if (naive.length === 0 && streaming.length === 0) return null;
  return (
    <details className="node-table" data-testid="node-table">
      <summary>Per node: time and peak tracked memory</summary>
      <table className="result-table compact">
        <thead>
          <tr>
            <th scope="col">Expression</th>
            <th scope="col" className="num">
              naive
            </th>
            <th scope="col" className="num">
              streaming
            </th>
          </tr>
        </thead>
        <tbody>
          {paired
            ? naive.map((n, i) => (
                <tr key={i}>
                  <Label n={n} />
                  <Cell n={n} />
                  <Cell n={streaming[i]} />
                </tr>
              ))
            : [
                ...naive.map((n, i) => (
                  <tr key={`n${i}`}>
                    <Label n={n} />
                    <Cell n={n} />
                    <Cell n={undefined} />
                  </tr>
                )),
                ...streaming.map((n, i) => (
                  <tr key={`s${i}`}>
                    <Label n={n} />
                    <Cell n={undefined} />
                    <Cell n={n} />
                  </tr>
                )),
              ]}
        </tbody>
      </table>
    </details>
  );
}
