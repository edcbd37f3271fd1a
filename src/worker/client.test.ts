/**
 * EngineClient against scripted workers (comlink over a MessageChannel): cancellation
 * restarts the worker with the last dataset that loaded, a crash does the same and tells
 * the UI, answers to superseded queries are marked stale.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { EngineClient, type ClientEvent } from './client.ts';
import type { DatasetSource, EngineWorkerApi, QueryJob, QueryResponse } from './protocol.ts';

/** A Worker stand-in: messages go over a MessageChannel to a comlink-exposed fake API. */
class FakeWorker {
  readonly errors = new EventTarget();
  terminated = false;
  private readonly channel = new MessageChannel();

  constructor(api: Partial<EngineWorkerApi>) {
    Comlink.expose(api, this.channel.port2);
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.channel.port1.postMessage(message, transfer ?? []);
  }
  addEventListener(type: string, fn: EventListener): void {
    if (type === 'message') this.channel.port1.addEventListener('message', fn as never);
    else this.errors.addEventListener(type, fn);
  }
  removeEventListener(type: string, fn: EventListener): void {
    if (type === 'message') this.channel.port1.removeEventListener('message', fn as never);
    else this.errors.removeEventListener(type, fn);
  }
  start(): void {
    this.channel.port1.start();
  }
  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
  }
  crash(message: string): void {
    const ev = new Event('error', { cancelable: true }) as Event & { message: string };
    ev.message = message;
    this.errors.dispatchEvent(ev);
  }
}

const loaded = (name: string) => ({ source: { kind: 'sample' as const, id: name }, name, seriesCount: 1, sampleCount: 1, chunkBytes: 1, minTimeMs: 0, maxTimeMs: 1, loadMs: 0 });

function response(job: QueryJob): QueryResponse {
  return { id: job.id, expr: job.expr, startMs: job.startMs, endMs: job.endMs, stepMs: job.stepMs, naive: null, streaming: null, comparison: { status: 'not-compared', reason: 'test' } };
}

/** Builds a client whose workers record loads and can be told to hang on queries. */
function setup(opts: { hangQueries?: boolean; failLoad?: (s: DatasetSource) => boolean } = {}) {
  const workers: FakeWorker[] = [];
  const loads: { worker: number; source: DatasetSource }[] = [];
  const events: ClientEvent[] = [];
  const pending: ((r: never) => void)[] = [];
  const client = new EngineClient({
    createWorker: () => {
      const index = workers.length;
      const w = new FakeWorker({
        loadDataset: async (source) => {
          loads.push({ worker: index, source });
          if (opts.failLoad?.(source)) return { ok: false, error: { kind: 'parse', code: 'bad_data', message: 'line 2: bad', line: 2 } };
          return { ok: true, dataset: loaded(source.kind === 'sample' ? source.id : source.name) };
        },
        query: (job) =>
          opts.hangQueries ? new Promise((resolve) => pending.push(resolve as never)) : Promise.resolve({ ok: true as const, response: response(job) }),
      });
      workers.push(w);
      return w as unknown as Worker;
    },
    onEvent: (e) => events.push(e),
  });
  return { client, workers, loads, events, pending };
}

const job = { expr: 'up', startMs: 0, endMs: 0, stepMs: 1000 };
let toDispose: EngineClient[] = [];
afterEach(() => {
  for (const c of toDispose) c.dispose();
  toDispose = [];
});

describe('EngineClient', () => {
  it('cancel terminates the worker, answers the pending query as cancelled and restores the dataset', async () => {
    const { client, workers, loads, events } = setup({ hangQueries: true });
    toDispose.push(client);
    expect((await client.loadDataset({ kind: 'sample', id: 'web' })).ok).toBe(true);
    const running = client.query(job);
    await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    await client.cancel();
    const r = await running;
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('cancelled');
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(loads.map((l) => [l.worker, l.source])).toEqual([
      [0, { kind: 'sample', id: 'web' }],
      [1, { kind: 'sample', id: 'web' }],
    ]);
    expect(events.map((e) => `${e.type}:${e.reason}`)).toEqual(['restarting:cancelled', 'restarted:cancelled']);
  });

  it('a crashed worker is replaced, the call fails with a message, and a failed load is not what gets restored', async () => {
    const { client, workers, loads, events } = setup({ hangQueries: true, failLoad: (s) => s.kind === 'file' });
    toDispose.push(client);
    await client.loadDataset({ kind: 'sample', id: 'k8s' });
    const bad = await client.loadDataset({ kind: 'file', name: 'bad.txt', text: 'x' });
    expect(bad.ok).toBe(false);
    const running = client.query(job);
    await new Promise((r) => setTimeout(r, 20));
    workers[0].crash('out of memory');
    const r = await running;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('worker_crashed');
      expect(r.error.message).toContain('out of memory');
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(workers).toHaveLength(2);
    expect(loads[loads.length - 1]).toEqual({ worker: 1, source: { kind: 'sample', id: 'k8s' } });
    const restarted = events.find((e) => e.type === 'restarted');
    expect(restarted).toMatchObject({ reason: 'crashed', dataset: { name: 'k8s' } });
  });

  it('marks the answer to a superseded query as stale', async () => {
    const { client } = setup();
    toDispose.push(client);
    const first = client.query({ ...job, expr: 'a' });
    const second = client.query({ ...job, expr: 'b' });
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok === false && 'stale' in a && a.stale).toBe(true);
    expect(b.ok && b.response.expr).toBe('b');
  });
});
