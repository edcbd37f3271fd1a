/** What the loaded dataset is: size, span, description and example queries (click to run). */
import type { DatasetDescriptor, LoadedDataset } from '../../worker/protocol.ts';
import { formatBytes, formatCount, formatTimeUTC } from '../state/format.ts';

export interface DatasetInfoProps {
  readonly descriptor: DatasetDescriptor | null;
  readonly loaded: LoadedDataset | null;
  readonly onExample: (expr: string) => void;
}

export function DatasetInfo({ descriptor, loaded, onExample }: DatasetInfoProps) {
  return (
    <section className="dataset-info" aria-label="Dataset">
      <h2>{descriptor?.name ?? loaded?.name ?? 'Dataset'}</h2>
      {loaded && (
        <div className="subtle small" data-testid="dataset-summary">
          {formatCount(loaded.seriesCount)} series · {formatCount(loaded.sampleCount)} samples ·{' '}
          {loaded.sampleCount > 0 ? `${(loaded.chunkBytes / loaded.sampleCount).toFixed(2)} B/sample` : formatBytes(loaded.chunkBytes)}
          <br />
          {formatTimeUTC(loaded.minTimeMs)} – {formatTimeUTC(loaded.maxTimeMs)} · loaded in {Math.round(loaded.loadMs)} ms
        </div>
      )}
      {descriptor && <p className="dataset-description">{descriptor.description}</p>}
      {descriptor && descriptor.exampleQueries.length > 0 && (
        <>
          <h3>Example queries</h3>
          <ul className="examples" data-testid="examples">
            {descriptor.exampleQueries.map((q) => (
              <li key={q.query}>
                <button type="button" className="link-button mono" onClick={() => onExample(q.query)}>
                  {q.query}
                </button>
                {q.caption && <div className="subtle small">{q.caption}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
