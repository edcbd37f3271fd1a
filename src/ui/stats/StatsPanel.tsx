/**
 * Side-by-side statistics of the naive and the streaming evaluator for the last run, the
 * "results identical" check (or the first differences), and the memory timeline.
 */
import type { EvaluatorRun, QueryResponse } from '../../worker/protocol.ts';
import { formatBytes, formatCount, formatMs } from '../state/format.ts';
import { EVALUATOR_COLORS, MemoryChart } from './MemoryChart.tsx';
import { NodeTable } from './NodeTable.tsx';

function Column({ name, run, pending }: { name: 'naive' | 'streaming'; run: EvaluatorRun | null; pending: boolean }) {
  const title = (
    <h3>
      <span className="swatch" style={{ background: EVALUATOR_COLORS[name] }} /> {name === 'naive' ? 'Naive' : 'Streaming'}
      <span className="subtle small"> {name === 'naive' ? 'materializes every node' : 'one series at a time'}</span>
    </h3>
  );
  if (!run)
    return (
      <div className="stats-col" data-testid={`stats-${name}`}>
        {title}
        <p className="subtle">{pending ? 'running…' : 'did not run'}</p>
      </div>
    );
  if (!run.ok && run.error.kind === 'unsupported') {
    return (
      <div className="stats-col" data-testid={`stats-${name}`}>
        {title}
        <p className="subtle" data-testid={`stats-${name}-status`}>
          Not available yet for this query: {run.error.message}
        </p>
      </div>
    );
  }
  const s = run.stats;
  return (
    <div className="stats-col" data-testid={`stats-${name}`}>
      {title}
      {!run.ok && (
        <p className="error-text small" data-testid={`stats-${name}-status`} title={run.error.message}>
          failed ({run.error.kind}): {run.error.message.length > 90 ? run.error.message.slice(0, 87) + '…' : run.error.message}
        </p>
      )}
      {s && (run.ok || (run.error.kind !== 'parse' && run.error.kind !== 'type')) && (
        <dl className="stats-list">
          <dt>Wall time</dt>
          <dd data-testid={`stats-${name}-wall`}>{formatMs(s.wallMs)}</dd>
          <dt className="indent">parse · plan</dt>
          <dd>
            {formatMs(s.phases.parseMs)} · {formatMs(s.phases.planMs)}
          </dd>
          <dt className="indent">evaluate · serialize</dt>
          <dd>
            {formatMs(s.phases.evaluateMs)} · {formatMs(s.phases.serializeMs)}
          </dd>
          <dt>Peak tracked memory</dt>
          <dd data-testid={`stats-${name}-peak`}>{formatBytes(s.peakTrackedBytes)}</dd>
          <dt>Peak samples held</dt>
          <dd>{formatCount(s.peakSamples)}</dd>
          <dt>Samples decoded</dt>
          <dd>{formatCount(s.samplesDecoded)}</dd>
          <dt>Series out</dt>
          <dd>{formatCount(s.seriesOut)}</dd>
        </dl>
      )}
    </div>
  );
}

export function StatsPanel({ response, theme, running }: { response: QueryResponse | null; theme: 'light' | 'dark'; running: boolean }) {
  if (!response) return <section className="stats-panel" aria-label="Evaluator statistics"><p className="subtle">Run a query to compare the evaluators.</p></section>;
  const c = response.comparison;
  const naiveStats = response.naive?.stats ?? null;
  const streamingStats = response.streaming?.stats ?? null;
  const ratio =
    response.naive?.ok && response.streaming?.ok && streamingStats && naiveStats && streamingStats.peakTrackedBytes > 0
      ? naiveStats.peakTrackedBytes / streamingStats.peakTrackedBytes
      : null;
  return (
    <section className="stats-panel" aria-label="Evaluator statistics">
      <div className={`comparison ${c.status}`} data-testid="comparison" role="status">
        {c.status === 'identical' && (response.naive?.ok === false ? <>✓ Both evaluators report the same error</> : <>✓ Results identical</>)}
        {c.status === 'not-compared' && <>Not compared: {c.reason}</>}
        {c.status === 'different' && (
          <>
            ✗ Results differ
            <ul className="diff-list">
              {c.differences.map((d, i) => (
                <li key={i}>{d.message}</li>
              ))}
            </ul>
          </>
        )}
        {ratio !== null && Number.isFinite(ratio) && (
          <span className="subtle small"> · naive held {ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× the streaming peak</span>
        )}
      </div>
      <div className="stats-cols">
        <Column name="naive" run={response.naive} pending={running} />
        <Column name="streaming" run={response.streaming} pending={running} />
      </div>
      {((naiveStats?.peakTrackedBytes ?? 0) > 0 || (streamingStats?.peakTrackedBytes ?? 0) > 0) && <MemoryChart naive={naiveStats} streaming={streamingStats} theme={theme} />}
      {(naiveStats || streamingStats) && <NodeTable naive={naiveStats?.nodes ?? []} streaming={streamingStats?.nodes ?? []} />}
      <p className="subtle small explain">
        “Tracked” memory is what the engine charges for the buffers a query holds (decoded samples, step arrays, accumulators,
        label sets), counted by its memory tracker. Browsers do not expose a worker's real heap, so this is an accounting
        figure; DEVELOPERS.md shows how it compares with measured heap in Node.
      </p>
    </section>
  );
}
