/**
 * Startup work that does not need React: create the engine worker, and list and load the
 * dataset the page opens with, while the browser is still parsing the UI bundle (main.tsx
 * imports the UI lazily). This overlaps worker start and dataset generation with the UI's
 * parse and first render.
 */
import { EngineClient } from '../worker/client.ts';
import type { DatasetDescriptor, LoadedDataset, Metadata, WireError } from '../worker/protocol.ts';
import { DEFAULT_STATE, decodeLocation, type PageState } from './state/url-state.ts';
import { markOnce } from './state/metrics.ts';

export type BootResult =
  | { readonly ok: false; readonly message: string }
  | {
      readonly ok: true;
      readonly missing: readonly string[];
      readonly datasets: readonly DatasetDescriptor[];
      /** The dataset the page opens with, null when there is none. */
      readonly chosen: DatasetDescriptor | null;
      readonly seriesCount: number | null;
      readonly loaded: { readonly ok: true; readonly dataset: LoadedDataset; readonly metadata: Metadata | null } | { readonly ok: false; readonly error: WireError } | null;
    };

export interface Boot {
  readonly engine: EngineClient;
  readonly initial: PageState;
  readonly ready: Promise<BootResult>;
}

export function startBoot(): Boot {
  const engine = new EngineClient();
  const initial = decodeLocation(location.hash, location.search) ?? DEFAULT_STATE;
  const ready = (async (): Promise<BootResult> => {
    const hello = await engine.hello();
    markOnce('worker-ready');
    if ('error' in hello) return { ok: false, message: `The engine did not start: ${hello.error.message}` };
    const list = await engine.listDatasets();
    if (!list.ok) return { ok: false, message: `No sample datasets: ${list.error.message}` };
    const chosen = list.datasets.find((d) => d.id === initial.datasetId) ?? list.datasets[0] ?? null;
    if (!chosen) return { ok: true, missing: hello.missing, datasets: list.datasets, chosen: null, seriesCount: null, loaded: null };
    const seriesCount = (initial.datasetId === chosen.id ? initial.seriesCount : null) ?? chosen.seriesCount?.default ?? null;
    const r = await engine.loadDataset(seriesCount ? { kind: 'sample', id: chosen.id, seriesCount } : { kind: 'sample', id: chosen.id });
    markOnce('dataset-loaded');
    if (!r.ok) return { ok: true, missing: hello.missing, datasets: list.datasets, chosen, seriesCount, loaded: { ok: false, error: r.error } };
    const md = await engine.metadata();
    return { ok: true, missing: hello.missing, datasets: list.datasets, chosen, seriesCount, loaded: { ok: true, dataset: r.dataset, metadata: md.ok ? md.metadata : null } };
  })();
  return { engine, initial, ready };
}
