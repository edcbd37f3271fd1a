/** The dataset chooser of the top bar, with the series-count control of the cardinality lab. */
import { useEffect, useState } from 'react';
import type { DatasetDescriptor, LoadedDataset } from '../../worker/protocol.ts';

export interface DatasetSelectProps {
  readonly datasets: readonly DatasetDescriptor[];
  readonly loaded: LoadedDataset | null;
  readonly selectedId: string | null;
  readonly seriesCount: number | null;
  readonly busy: boolean;
  readonly onSelect: (id: string, seriesCount: number | null) => void;
}

export function DatasetSelect({ datasets, loaded, selectedId, seriesCount, busy, onSelect }: DatasetSelectProps) {
  const current = datasets.find((d) => d.id === selectedId) ?? null;
  const range = current?.seriesCount;
  const shownCount = String(seriesCount ?? range?.default ?? '');
  const [countText, setCountText] = useState(shownCount);
  useEffect(() => setCountText(shownCount), [shownCount]);
  const count = Number(countText);
  const countValid = !range || (Number.isInteger(count) && count >= range.min && count <= range.max);
  const isFile = loaded?.source.kind === 'file' && !selectedId;

  return (
    <div className="dataset-select row">
      <label htmlFor="dataset-select" className="small">
        Dataset
      </label>
      <select
        id="dataset-select"
        data-testid="dataset-select"
        value={isFile ? '__file' : (selectedId ?? '')}
        disabled={busy}
        onChange={(e) => {
          const d = datasets.find((x) => x.id === e.target.value);
          if (d) onSelect(d.id, d.seriesCount ? d.seriesCount.default : null);
        }}
      >
        {isFile && <option value="__file">{loaded.name} (your data)</option>}
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      {range && (
        <span className="row">
          <label htmlFor="series-count" className="small">
            Series
          </label>
          <input
            id="series-count"
            data-testid="series-count"
            type="number"
            min={range.min}
            max={range.max}
            step={1000}
            style={{ width: '6.5em' }}
            value={countText}
            aria-invalid={!countValid}
            onChange={(e) => setCountText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && countValid && current) onSelect(current.id, count);
            }}
          />
          <button type="button" className="small-button" disabled={!countValid || busy || !current || count === seriesCount} onClick={() => current && onSelect(current.id, count)} data-testid="generate">
            Generate
          </button>
          {!countValid && (
            <span className="error-text small" role="alert">
              {range.min.toLocaleString('en-US')}–{range.max.toLocaleString('en-US')}
            </span>
          )}
        </span>
      )}
    </div>
  );
}
