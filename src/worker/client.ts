/**
 * The UI's only door to the engine: wraps the comlink worker API with request ids (answers
 * to superseded queries are dropped), cancellation (the engine is synchronous, so a running
 * query is stopped by terminating the worker and starting a fresh one with the same
 * dataset), and crash detection (a dead worker is restarted the same way and the UI told).
 */
import * as Comlink from 'comlink';
import type {
  CheckResult,
  DatasetDescriptor,
  DatasetSource,
  EngineWorkerApi,
  LabelValuesRequest,
  LoadedDataset,
  Metadata,
  Outcome,
  QueryJob,
  QueryProgress,
  QueryResponse,
  WireError,
} from './protocol.ts';

export type ClientEvent =
  | { readonly type: 'restarting'; readonly reason: 'cancelled' | 'crashed'; readonly message: string }
  | { readonly type: 'restarted'; readonly reason: 'cancelled' | 'crashed'; readonly dataset: LoadedDataset | null; readonly error?: WireError };

/** A query outcome, or `stale` when a newer query was started meanwhile. */
export type QueryOutcome = Outcome<{ readonly response: QueryResponse }> | { readonly ok: false; readonly stale: true; readonly error: WireError };

export interface EngineClientOptions {
  /** Creates the worker; tests may pass their own. */
  readonly createWorker?: () => Worker;
  readonly onEvent?: (e: ClientEvent) => void;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'promql-engine' });
}

const cancelledError: WireError = { kind: 'cancelled', code: 'cancelled', message: 'query cancelled; the engine was restarted with the current dataset' };

class WorkerDied extends Error {
  constructor(readonly reason: 'cancelled' | 'crashed', message: string) {
    super(message);
  }
}

/** One worker incarnation; `dead` rejects when it is terminated or crashes. */
interface Generation {
  readonly worker: Worker;
  /** All API methods already return promises, so the remote has the API's own type. */
  readonly api: EngineWorkerApi;
  readonly dead: Promise<never>;
  kill(reason: 'cancelled' | 'crashed', message: string): void;
  alive: boolean;
}

export class EngineClient {
  private gen: Generation;
  private lastSource: DatasetSource | null = null;
  private lastQueryId = 0;
  private restoring: Promise<void> = Promise.resolve();
  private readonly createWorker: () => Worker;
  private onEvent: (e: ClientEvent) => void;

  constructor(opts: EngineClientOptions = {}) {
    this.createWorker = opts.createWorker ?? defaultWorker;
    this.onEvent = opts.onEvent ?? (() => {});
    this.gen = this.spawn();
  }

  private spawn(): Generation {
    const worker = this.createWorker();
    let reject!: (e: unknown) => void;
    const dead = new Promise<never>((_, r) => (reject = r));
    dead.catch(() => {});
    const gen: Generation = {
      worker,
      api: Comlink.wrap<EngineWorkerApi>(worker) as unknown as EngineWorkerApi,
      dead,
      alive: true,
      kill: (reason, message) => {
        if (!gen.alive) return;
        gen.alive = false;
        worker.terminate();
        reject(new WorkerDied(reason, message));
      },
    };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      if (!gen.alive) return;
      const message = `the engine worker crashed${ev.message ? `: ${ev.message}` : ''}; it was restarted with the current dataset`;
      gen.kill('crashed', message);
      void this.restart('crashed', message);
    });
    return gen;
  }

  /** Calls into the current worker; a death of that worker turns into an error outcome. */
  private async call<T>(f: (api: EngineWorkerApi) => Promise<T>): Promise<T | { ok: false; error: WireError }> {
    await this.restoring;
    const gen = this.gen;
    try {
      return await Promise.race([f(gen.api), gen.dead]);
    } catch (e) {
      if (e instanceof WorkerDied) return { ok: false, error: e.reason === 'cancelled' ? cancelledError : { kind: 'internal', code: 'worker_crashed', message: e.message } };
      return { ok: false, error: { kind: 'internal', code: 'worker_call_failed', message: e instanceof Error ? e.message : String(e) } };
    }
  }

  private async restart(reason: 'cancelled' | 'crashed', message: string): Promise<void> {
    this.onEvent({ type: 'restarting', reason, message });
    this.gen = this.spawn();
    const source = this.lastSource;
    const api = this.gen.api;
    this.restoring = (async () => {
      if (!source) {
        this.onEvent({ type: 'restarted', reason, dataset: null });
        return;
      }
      const r = await Promise.race([api.loadDataset(source), this.gen.dead]).catch(
        (e: unknown): Outcome<{ dataset: LoadedDataset }> => ({ ok: false, error: { kind: 'internal', code: 'worker_crashed', message: String(e) } }),
      );
      if (r.ok) this.onEvent({ type: 'restarted', reason, dataset: r.dataset });
      else this.onEvent({ type: 'restarted', reason, dataset: null, error: r.error });
    })();
    await this.restoring;
  }

  /** Replaces the restart/crash event handler (the UI subscribes after the client was created at boot). */
  setEventHandler(onEvent: (e: ClientEvent) => void): void {
    this.onEvent = onEvent;
  }

  hello() {
    return this.call((api) => api.hello());
  }

  listDatasets(): Promise<Outcome<{ readonly datasets: readonly DatasetDescriptor[] }>> {
    return this.call((api) => api.listDatasets());
  }

  /** Loads a dataset; it becomes the one restored after a restart only when it loaded. */
  async loadDataset(source: DatasetSource): Promise<Outcome<{ readonly dataset: LoadedDataset }>> {
    const r = await this.call((api) => api.loadDataset(source));
    if (r.ok) this.lastSource = source;
    return r;
  }

  metadata(): Promise<Outcome<{ readonly metadata: Metadata }>> {
    return this.call((api) => api.metadata());
  }

  labelValues(req: LabelValuesRequest): Promise<Outcome<{ readonly values: readonly string[] }>> {
    return this.call((api) => api.labelValues(req));
  }

  labelNames(metricName?: string): Promise<Outcome<{ readonly names: readonly string[] }>> {
    return this.call((api) => api.labelNames(metricName));
  }

  check(expr: string): Promise<Outcome<CheckResult>> {
    return this.call((api) => api.check(expr));
  }

  /**
   * Runs a query on both evaluators. Starting a new query supersedes the previous one: its
   * answer comes back as `{stale: true}` and must be ignored.
   */
  async query(job: Omit<QueryJob, 'id'>, onProgress?: (p: QueryProgress) => void): Promise<QueryOutcome> {
    const id = ++this.lastQueryId;
    // The naive run may arrive early (over the callback's own message channel, so in no
    // fixed order with the final answer); it must be merged into the response.
    let resolveEarly!: (run: NonNullable<QueryProgress['naive']>) => void;
    const early = new Promise<NonNullable<QueryProgress['naive']>>((r) => (resolveEarly = r));
    let done = false;
    const progress = Comlink.proxy((p: QueryProgress) => {
      if (p.naive) resolveEarly(p.naive);
      if (!done && p.id === this.lastQueryId) onProgress?.(p);
    });
    const r = await this.call((api) => api.query({ ...job, id }, progress));
    let out: QueryOutcome = r;
    if (r.ok && r.response.naiveSentEarly) {
      const naive = await Promise.race([early, this.gen.dead.catch(() => null)]);
      out = { ok: true, response: { ...r.response, naive, naiveSentEarly: false } };
    }
    done = true;
    if (id !== this.lastQueryId) return { ok: false, stale: true, error: { kind: 'cancelled', code: 'superseded', message: 'superseded by a newer query' } };
    return out;
  }

  /** Stops whatever runs now: terminates the worker and restores the dataset in a new one. */
  async cancel(): Promise<void> {
    this.gen.kill('cancelled', 'cancelled');
    await this.restart('cancelled', 'query cancelled; restarting the engine');
  }

  dispose(): void {
    this.gen.kill('cancelled', 'disposed');
  }
}
