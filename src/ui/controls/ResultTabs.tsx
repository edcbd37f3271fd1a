/**
 * The Table/Graph tabs (ARIA tabs pattern: arrow keys move, one tab stop) and the graph's
 * display options. Table runs an instant query, Graph a range query, as in Prometheus.
 */
import type { Tab } from '../state/url-state.ts';

export interface ResultTabsProps {
  readonly tab: Tab;
  readonly stacked: boolean;
  readonly yFromZero: boolean;
  readonly onTab: (tab: Tab) => void;
  readonly onStacked: (on: boolean) => void;
  readonly onYFromZero: (on: boolean) => void;
}

export function ResultTabs({ tab, stacked, yFromZero, onTab, onStacked, onYFromZero }: ResultTabsProps) {
  const tabButton = (t: Tab, label: string) => (
    <button type="button" role="tab" aria-selected={tab === t} tabIndex={tab === t ? 0 : -1} className="tab" onClick={() => onTab(t)} data-testid={`tab-${t}`}>
      {label}
    </button>
  );
  return (
    <div className="tabs-row">
      <div
        role="tablist"
        aria-label="View"
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          const next: Tab = tab === 'table' ? 'graph' : 'table';
          onTab(next);
          e.currentTarget.querySelector<HTMLButtonElement>(`[data-testid="tab-${next}"]`)?.focus();
        }}
      >
        {tabButton('table', 'Table')}
        {tabButton('graph', 'Graph')}
      </div>
      {tab === 'graph' && (
        <div className="graph-options">
          <label className="checkbox small">
            <input type="checkbox" checked={stacked} onChange={(e) => onStacked(e.target.checked)} data-testid="stacked" /> Stacked
          </label>
          <label className="checkbox small">
            <input type="checkbox" checked={yFromZero} onChange={(e) => onYFromZero(e.target.checked)} /> Y from zero
          </label>
        </div>
      )}
    </div>
  );
}
