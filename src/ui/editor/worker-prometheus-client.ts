/**
 * codemirror-promql's `PrometheusClient` served from the worker's dataset metadata instead
 * of a Prometheus server's HTTP API, so completion offers the loaded dataset's metric names,
 * label names and label values.
 */
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import type { EngineClient } from '../../worker/client.ts';
import type { Metadata } from '../../worker/protocol.ts';

type MetricMetadata = { type: string; help: string };

export class WorkerPrometheusClient implements PrometheusClient {
  constructor(
    private readonly engine: EngineClient,
    private readonly getMetadata: () => Metadata | null,
  ) {}

  async labelNames(metricName?: string): Promise<string[]> {
    if (!metricName) return [...(this.getMetadata()?.labelNames ?? [])];
    const r = await this.engine.labelNames(metricName);
    return r.ok ? [...r.names] : [];
  }

  async labelValues(labelName: string, metricName?: string): Promise<string[]> {
    const r = await this.engine.labelValues(metricName ? { labelName, metricName } : { labelName });
    return r.ok ? [...r.values] : [];
  }

  async metricMetadata(): Promise<Record<string, MetricMetadata[]>> {
    const md = this.getMetadata();
    const out: Record<string, MetricMetadata[]> = {};
    if (md) for (const [name, info] of Object.entries(md.metricInfo)) out[name] = [{ type: info.type, help: info.help }];
    return out;
  }

  async series(): Promise<Map<string, string>[]> {
    return [];
  }

  async metricNames(): Promise<string[]> {
    return [...(this.getMetadata()?.metricNames ?? [])];
  }

  async flags(): Promise<Record<string, string>> {
    return {};
  }
}
