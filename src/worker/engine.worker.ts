/**
 * The module Web Worker that owns the dataset and both evaluators. It exposes
 * {@link EngineWorkerApi} through comlink; results cross as transferred buffers.
 */
import * as Comlink from 'comlink';
import { EngineHost } from './engine-host.ts';
import type { EngineWorkerApi, QueryProgress } from './protocol.ts';

const host = new EngineHost();

const api: EngineWorkerApi = {
  async hello() {
    return host.hello();
  },
  async listDatasets() {
    return host.listDatasets();
  },
  async loadDataset(source) {
    return host.loadDataset(source);
  },
  async metadata() {
    return host.metadata();
  },
  async labelValues(req) {
    return host.labelValues(req);
  },
  async labelNames(metricName) {
    return host.labelNames(metricName);
  },
  async check(expr) {
    return host.check(expr);
  },
  async query(job, onProgress?: (p: QueryProgress) => void) {
    const { outcome, transfer } = host.query(
      job,
      onProgress ? (p, early) => void onProgress(early.length > 0 ? Comlink.transfer(p, early) : p) : undefined,
    );
    return Comlink.transfer(outcome, transfer);
  },
};

Comlink.expose(api);
