/**
 * The playground page: dataset picker, PromQL editor, time controls, graph/table, and the
 * side-by-side evaluator stats. All engine work happens in the worker behind EngineClient.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientEvent } from '../worker/client.ts';
import type { Boot } from './boot.ts';
import type { DatasetDescriptor, Diagnostic, EvaluatorRun, LoadedDataset, Metadata, QueryProgress, QueryResponse, WireError, WireValue } from '../worker/protocol.ts';
import { QueryEditor } from './editor/QueryEditor.tsx';
import { Graph } from './chart/Graph.tsx';
import { isGraphable } from './chart/graph-data.ts';
import { ResultTable } from './table/ResultTable.tsx';
import { RawView } from './table/RawView.tsx';
import { StatsPanel } from './stats/StatsPanel.tsx';
import { DatasetSelect } from './data/DatasetSelect.tsx';
import { DatasetInfo } from './data/DatasetInfo.tsx';
import { DataFileLoader } from './data/DataFileLoader.tsx';
import { TimeControls } from './controls/TimeControls.tsx';
import { ResultTabs } from './controls/ResultTabs.tsx';
import { QueryMessages } from './controls/QueryMessages.tsx';
import { HistorySelect } from './editor/HistorySelect.tsx';
import { MemoryLimitSelect } from './stats/MemoryLimitSelect.tsx';
import { CopyLinkButton } from './controls/CopyLinkButton.tsx';
import { autoStepMs } from './state/duration.ts';
import { formatMs } from './state/format.ts';
import { loadHistory, pushHistory } from './state/history.ts';
import { useTheme } from './state/theme.ts';
import { decodeLocation, encodeState, type PageState, type Tab, type Theme } from './state/url-state.ts';
import { firstResultRendered, markOnce } from './state/metrics.ts';

const FALLBACK_QUERY = 'up';


interface Running {
  readonly startedAt: number;
  readonly phase: QueryProgress['phase'];
}

/** The result on screen, with the query that produced it. */
interface Shown {
  readonly response: QueryResponse;
  readonly value: WireValue;
  readonly tab: Tab;
}

/** The run whose value is shown: naive when it succeeded, else streaming. */
function primaryRun(r: QueryResponse): EvaluatorRun | null {
  if (r.naive?.ok) return r.naive;
  if (r.streaming?.ok) return r.streaming;
  return r.naive ?? r.streaming;
}

export function App({ boot }: { boot: Boot }) {
  const initial = boot.initial;
  const [page, setPage] = useState<PageState>(initial);
  const [draft, setDraft] = useState(initial.expr);
  const [theme, resolvedTheme, setTheme] = useTheme();
  const [datasets, setDatasets] = useState<readonly DatasetDescriptor[]>([]);
  const [loaded, setLoaded] = useState<LoadedDataset | null>(null);
  const [metadata, setMetadata] = useState<Metadata | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [lastResponse, setLastResponse] = useState<QueryResponse | null>(null);
  const [error, setError] = useState<{ error: WireError; expr: string } | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [now, setNow] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [loadingDataset, setLoadingDataset] = useState<string | null>('Starting the engine and generating the sample dataset…');
  const [history, setHistory] = useState<string[]>(loadHistory);
  const [diagnostics, setDiagnostics] = useState<readonly Diagnostic[]>([]);

  const onEvent = useCallback((e: ClientEvent) => {
    if (e.type === 'restarting' && e.reason === 'crashed') setNotice(e.message);
    if (e.type === 'restarted') {
      if (e.dataset) setLoaded(e.dataset);
      if (e.error) setNotice(`The engine restarted but could not restore the dataset: ${e.error.message}`);
    }
  }, []);
  const engine = boot.engine;
  useEffect(() => engine.setEventHandler(onEvent), [engine, onEvent]);

  const pageRef = useRef(page);
  pageRef.current = page;
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;

  // Keep the URL in step with the page state (replace, so Back leaves the playground).
  useEffect(() => {
    const hash = encodeState(page);
    if (location.hash !== hash) history_replace(hash);
  }, [page]);

  const descriptor = datasets.find((d) => d.id === page.datasetId) ?? null;
  const span = loaded ? { minMs: loaded.minTimeMs, maxMs: loaded.maxTimeMs } : { minMs: 0, maxMs: 3_600_000 };
  const defaultEnd = descriptor?.defaultRange.endMs ?? span.maxMs;
  const defaultRange = descriptor ? descriptor.defaultRange.endMs - descriptor.defaultRange.startMs : span.maxMs - span.minMs;
  const settings = {
    endMs: page.endMs ?? defaultEnd,
    rangeMs: page.rangeMs ?? Math.max(defaultRange, 60_000),
    stepMs: page.stepMs,
  };
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const run = useCallback(
    async (override?: { expr?: string; tab?: Tab }) => {
      const expr = (override?.expr ?? draftRef.current).trim();
      const tab = override?.tab ?? pageRef.current.tab;
      if (expr === '' || !loadedRef.current) return;
      setPage((p) => ({ ...p, expr, tab }));
      setHistory((h) => pushHistory(h, expr));
      const s = settingsRef.current;
      const step = s.stepMs ?? autoStepMs(s.rangeMs);
      const limit = pageRef.current.memoryLimitBytes;
      const window =
        tab === 'table' ? { expr, startMs: s.endMs, endMs: s.endMs, stepMs: 1000 } : { expr, startMs: s.endMs - s.rangeMs, endMs: s.endMs, stepMs: step };
      const job = limit !== null ? { ...window, memoryLimitBytes: limit } : window;
      setRunning({ startedAt: performance.now(), phase: 'naive' });
      const r = await engine.query(job, (p) => {
        setRunning((cur) => (cur ? { ...cur, phase: p.phase } : cur));
        // Show the naive result while the streaming evaluator still works.
        if (p.naive) {
          markOnce('naive-early');
          performance.mark('promql:result-arrived');
        }
        if (p.naive?.ok && p.naive.value) {
          const partial: QueryResponse = { id: p.id, ...job, naive: p.naive, streaming: null, comparison: { status: 'not-compared', reason: 'the streaming evaluator is running…' } };
          setShown({ response: partial, value: p.naive.value, tab });
          setLastResponse(partial);
          setError(null);
        }
      });
      if (!r.ok && 'stale' in r) return;
      markOnce('query-done');
      performance.mark('promql:response');
      setRunning(null);
      if (!r.ok) {
        setError({ error: r.error, expr });
        return;
      }
      const response = r.response;
      setLastResponse(response);
      const primary = primaryRun(response);
      if (primary?.ok && primary.value) {
        setShown({ response, value: primary.value, tab });
        setError(null);
      } else if (primary && !primary.ok) {
        setError({ error: primary.error, expr });
      }
    },
    [engine],
  );

  /** Makes a loaded sample dataset current, then (optionally) runs the query. */
  const adoptSample = useCallback(
    async (id: string, seriesCount: number | null, dataset: LoadedDataset, md: Metadata | null, thenRun: boolean) => {
      setLoaded(dataset);
      loadedRef.current = dataset;
      setPage((p) => ({ ...p, datasetId: id, seriesCount }));
      pageRef.current = { ...pageRef.current, datasetId: id, seriesCount };
      if (md) setMetadata(md);
      else {
        const r = await engine.metadata();
        if (r.ok) setMetadata(r.metadata);
      }
      if (thenRun) await run();
    },
    [engine, run],
  );

  const loadSample = useCallback(
    async (id: string, seriesCount: number | null, thenRun: boolean) => {
      setLoadingDataset('Generating dataset…');
      const r = await engine.loadDataset(seriesCount ? { kind: 'sample', id, seriesCount } : { kind: 'sample', id });
      setLoadingDataset(null);
      if (!r.ok) {
        setNotice(`Could not load dataset ${id}: ${r.error.message}`);
        return false;
      }
      await adoptSample(id, seriesCount, r.dataset, null, thenRun);
      return true;
    },
    [engine, adoptSample],
  );

  // Start: take what boot.ts listed and loaded, then run the query.
  useEffect(() => {
    let live = true;
    void (async () => {
      const b = await boot.ready;
      if (!live) return;
      setLoadingDataset(null);
      if (!b.ok) {
        setNotice(b.message);
        return;
      }
      if (b.missing.length > 0) setNotice(`Engine parts not available yet: ${b.missing.join(', ')}`);
      setDatasets(b.datasets);
      const want = b.chosen;
      if (!want) return;
      if (!initial.expr) {
        const q = want.exampleQueries[0]?.query ?? FALLBACK_QUERY;
        setDraft(q);
        draftRef.current = q;
      }
      if (!b.loaded) return;
      if (!b.loaded.ok) {
        setNotice(`Could not load dataset ${want.id}: ${b.loaded.error.message}`);
        return;
      }
      // Settings depend on the descriptor, which is only now known.
      const d = want.defaultRange;
      const p = pageRef.current;
      settingsRef.current = { endMs: p.endMs ?? d.endMs, rangeMs: p.rangeMs ?? Math.max(d.endMs - d.startMs, 60_000), stepMs: p.stepMs };
      await adoptSample(want.id, b.seriesCount, b.loaded.dataset, b.loaded.metadata, true);
    })();
    return () => {
      live = false;
    };
  }, [boot, initial, adoptSample]);

  // Restore from a pasted or edited link without reloading.
  useEffect(() => {
    const f = () => {
      const s = decodeLocation(location.hash, location.search);
      if (!s || encodeState(s) === encodeState(pageRef.current)) return;
      setPage(s);
      setDraft(s.expr);
      draftRef.current = s.expr;
      pageRef.current = s;
      const src = loadedRef.current?.source;
      const same = src?.kind === 'sample' && src.id === s.datasetId && (src.seriesCount ?? null) === (s.seriesCount ?? src.seriesCount ?? null);
      if (s.datasetId && !same) void loadSample(s.datasetId, s.seriesCount, true);
      else void run({ expr: s.expr, tab: s.tab });
    };
    window.addEventListener('hashchange', f);
    return () => window.removeEventListener('hashchange', f);
  }, [loadSample, run]);

  // Elapsed time while a query runs.
  useEffect(() => {
    if (!running) return;
    setNow(performance.now());
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, [running]);

  const loadFile = useCallback(
    async (name: string, text: string): Promise<WireError | null> => {
      setLoadingDataset('Loading your data…');
      const r = await engine.loadDataset({ kind: 'file', name, text });
      setLoadingDataset(null);
      if (!r.ok) return r.error;
      setLoaded(r.dataset);
      loadedRef.current = r.dataset;
      setPage((p) => ({ ...p, datasetId: null, seriesCount: null, endMs: null, rangeMs: null, stepMs: null }));
      pageRef.current = { ...pageRef.current, datasetId: null, endMs: null, rangeMs: null, stepMs: null };
      settingsRef.current = { endMs: r.dataset.maxTimeMs, rangeMs: Math.max(r.dataset.maxTimeMs - r.dataset.minTimeMs, 60_000), stepMs: null };
      const md = await engine.metadata();
      if (md.ok) {
        setMetadata(md.metadata);
        const first = md.metadata.metricNames[0];
        if (first) {
          setDraft(first);
          draftRef.current = first;
        }
      }
      await run();
      return null;
    },
    [engine, run],
  );

  const cancel = async () => {
    setRunning(null);
    setError({ error: { kind: 'cancelled', code: 'cancelled', message: 'Query cancelled. The engine was restarted with the current dataset.' }, expr: draftRef.current });
    await engine.cancel();
  };

  const changeTime = (next: { endMs?: number | null; rangeMs?: number | null; stepMs?: number | null }) => {
    const p = { ...pageRef.current, ...next };
    setPage(p);
    pageRef.current = p;
    const merged = {
      endMs: p.endMs ?? defaultEnd,
      rangeMs: p.rangeMs ?? Math.max(defaultRange, 60_000),
      stepMs: p.stepMs,
    };
    settingsRef.current = merged;
    void run();
  };

  const switchTab = (tab: Tab) => {
    if (tab === page.tab) return;
    void run({ tab });
  };

  const stale = error !== null && shown !== null;
  const resultTab = shown?.tab ?? page.tab;

  const resultView = (() => {
    if (!shown) return null;
    const v = shown.value;
    if (resultTab === 'graph' && isGraphable(v))
      return <Graph value={v} stacked={page.stacked} yFromZero={page.yFromZero} theme={resolvedTheme} onDrawn={firstResultRendered} />;
    if (v.kind === 'matrix') return <RawView value={v} />;
    return <ResultTable value={v} />;
  })();
  useEffect(() => {
    if (shown && !(resultTab === 'graph' && isGraphable(shown.value))) firstResultRendered();
  }, [shown, resultTab]);

  const annotations = shown ? (primaryRun(shown.response)?.annotations ?? []) : [];

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          PromQL Playground <span className="subtle small">naive vs streaming, in your browser</span>
        </h1>
          <DatasetSelect
          datasets={datasets}
          loaded={loaded}
          selectedId={page.datasetId}
          seriesCount={page.seriesCount}
          busy={loadingDataset !== null}
          onSelect={(id, count) => {
            setPage((p) => ({ ...p, endMs: null, rangeMs: null, stepMs: null }));
            pageRef.current = { ...pageRef.current, endMs: null, rangeMs: null, stepMs: null };
            const d = datasets.find((x) => x.id === id);
            if (d) settingsRef.current = { endMs: d.defaultRange.endMs, rangeMs: d.defaultRange.endMs - d.defaultRange.startMs, stepMs: null };
            const first = d?.exampleQueries[0]?.query;
            if (d && id !== page.datasetId && first) {
              setDraft(first);
              draftRef.current = first;
            }
            void loadSample(id, count, true);
          }}
        />
        <div className="topbar-right">
          <label htmlFor="theme-select" className="small">
            Theme
          </label>
          <select id="theme-select" data-testid="theme-select" value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="auto">Auto</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
          <CopyLinkButton />
          <label className="small checkbox">
            <input type="checkbox" checked={page.statsOpen} onChange={(e) => setPage((p) => ({ ...p, statsOpen: e.target.checked }))} /> Evaluator stats
          </label>
        </div>
      </header>
      {notice && (
        <div className="banner" role="alert" data-testid="notice">
          {notice}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className={page.statsOpen ? 'layout' : 'layout no-side'}>
        <main className="main-col">
          {loadingDataset && (
            <div className="subtle small progress" role="status" data-testid="dataset-loading">
              <span className="spinner" aria-hidden="true" /> {loadingDataset}
            </div>
          )}
          <section className="query-panel" aria-label="Query">
            <div className="editor-row">
              <QueryEditor value={draft} onChange={setDraft} onRun={() => void run()} engine={engine} metadata={metadata} onDiagnostics={setDiagnostics} />
              {running ? (
                <button type="button" className="danger" onClick={() => void cancel()} data-testid="cancel-button">
                  Cancel
                </button>
              ) : (
                <button type="button" className="primary" onClick={() => void run()} data-testid="run-button" disabled={!loaded}>
                  Execute
                </button>
              )}
              <HistorySelect
                history={history}
                onPick={(h) => {
                  setDraft(h);
                  draftRef.current = h;
                }}
              />
            </div>
            {diagnostics.length > 0 && draft.trim() !== '' && (
              <ul className="diagnostics" data-testid="diagnostics">
                {diagnostics.slice(0, 3).map((d, i) => (
                  <li key={i} className={d.severity === 'error' ? 'error-text' : 'subtle'}>
                    {d.message}
                  </li>
                ))}
              </ul>
            )}
            {running && (
              <div className="progress" role="status" data-testid="progress">
                <span className="spinner" aria-hidden="true" /> Running the {running.phase === 'naive' || running.phase === 'streaming' ? `${running.phase} evaluator` : running.phase === 'compare' ? 'comparison' : 'packing'}…{' '}
                {formatMs(Math.max(0, now - running.startedAt))}
              </div>
            )}
          </section>
          <section className="result-panel" aria-label="Result">
            <ResultTabs
              tab={page.tab}
              stacked={page.stacked}
              yFromZero={page.yFromZero}
              onTab={switchTab}
              onStacked={(stacked) => setPage((p) => ({ ...p, stacked }))}
              onYFromZero={(yFromZero) => setPage((p) => ({ ...p, yFromZero }))}
            />
            {loaded && <TimeControls tab={page.tab} settings={settings} span={span} onChange={changeTime} />}
            <QueryMessages error={error} stale={stale} response={shown?.response ?? null} annotations={annotations} />
            <div className={stale ? 'result stale' : 'result'} data-testid="result" data-stale={stale ? 'true' : 'false'}>
              {stale && <div className="stale-badge">stale</div>}
              {resultView}
              {!shown && !error && !running && <p className="subtle">{loaded ? 'No result yet: press Execute.' : ''}</p>}
            </div>
          </section>
          <div className="side-panel dataset-panel-main">
            <DatasetInfo
              descriptor={page.datasetId ? descriptor : null}
              loaded={loaded}
              onExample={(q) => {
                setDraft(q);
                draftRef.current = q;
                void run({ expr: q });
              }}
            />
            <DataFileLoader onLoad={loadFile} busy={loadingDataset !== null} />
          </div>
        </main>
        {page.statsOpen && (
          <aside className="side-col">
            <div className="side-panel">
              <div className="row space-between">
                <h2>Evaluators</h2>
                <MemoryLimitSelect
                  value={page.memoryLimitBytes}
                  onChange={(v) => {
                    const p = { ...pageRef.current, memoryLimitBytes: v };
                    setPage(p);
                    pageRef.current = p;
                    void run();
                  }}
                />
              </div>
              <StatsPanel response={lastResponse} theme={resolvedTheme} running={running !== null} />
            </div>
          </aside>
        )}
      </div>
    </div>
  );
}

/** `history.replaceState` with the hash only (kept out of the component for clarity). */
function history_replace(hash: string): void {
  window.history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}
