/**
 * The benchmark's cases (issue 3): query shape × series count × step count, over the
 * cardinality lab dataset at a 15 s scrape interval. "Series" is the lab's seriesCount:
 * the number of series in lab_requests_total and in lab_queue_length (and of bucket series
 * in lab_request_duration_seconds_bucket); the info metric has seriesCount / 10.
 */

/** One query shape. `families` are the lab families the query reads; only those are generated. */
export interface QueryShape {
  readonly id: string;
  readonly query: string;
  readonly families: readonly string[];
  /** Aggregates its input (the targets are stricter for these). */
  readonly aggregates: boolean;
}

export const SHAPES: readonly QueryShape[] = [
  { id: 'selector', query: 'lab_queue_length', families: ['lab_queue_length'], aggregates: false },
  { id: 'rate', query: 'rate(lab_requests_total[5m])', families: ['lab_requests_total'], aggregates: false },
  { id: 'sum_rate', query: 'sum by (job) (rate(lab_requests_total[5m]))', families: ['lab_requests_total'], aggregates: true },
  { id: 'avg_over_time', query: 'avg_over_time(lab_queue_length[5m])', families: ['lab_queue_length'], aggregates: false },
  { id: 'max_over_time_1h', query: 'max_over_time(lab_queue_length[1h])', families: ['lab_queue_length'], aggregates: false },
  { id: 'quantile_over_time', query: 'quantile_over_time(0.9, lab_queue_length[5m])', families: ['lab_queue_length'], aggregates: false },
  { id: 'topk', query: 'topk(5, rate(lab_requests_total[5m]))', families: ['lab_requests_total'], aggregates: true },
  { id: 'count_values', query: 'count_values("queue", lab_queue_length)', families: ['lab_queue_length'], aggregates: true },
  {
    id: 'histogram_quantile',
    query: 'histogram_quantile(0.9, sum by (le) (rate(lab_request_duration_seconds_bucket[5m])))',
    families: ['lab_request_duration_seconds'],
    aggregates: true,
  },
  { id: 'one_to_one', query: 'lab_queue_length / lab_queue_capacity', families: ['lab_queue_length', 'lab_queue_capacity'], aggregates: false },
  {
    id: 'group_left',
    query: 'lab_queue_length * on(job, instance) group_left(version) lab_instance_info',
    families: ['lab_queue_length', 'lab_instance_info'],
    aggregates: false,
  },
  { id: 'and', query: 'lab_queue_length > 40 and lab_queue_capacity', families: ['lab_queue_length', 'lab_queue_capacity'], aggregates: false },
  { id: 'unless', query: 'lab_queue_length unless lab_queue_length > 60', families: ['lab_queue_length'], aggregates: false },
  { id: 'subquery', query: 'max_over_time(rate(lab_requests_total[5m])[1h:1m])', families: ['lab_requests_total'], aggregates: false },
  {
    id: 'label_replace',
    query: 'label_replace(lab_queue_length, "host", "$1", "instance", "(.*):.*")',
    families: ['lab_queue_length'],
    aggregates: false,
  },
  { id: 'sort_desc', query: 'sort_desc(lab_queue_length)', families: ['lab_queue_length'], aggregates: false },
  { id: 'absent', query: 'absent(lab_queue_length)', families: ['lab_queue_length'], aggregates: true },
];

export const SERIES_COUNTS = [100, 1000, 10000] as const;
/** 1 = instant query. */
export const STEP_COUNTS = [1, 100, 1000] as const;

/**
 * The `--quick` subset (about a minute of CPU; each case costs two process starts and two
 * data generations): aggregations, a long range window, a join and a subquery at 1,000
 * series and 100 steps, plus the headline aggregation at 1,000 steps.
 */
export const QUICK: readonly { shape: string; series: number; steps: number }[] = [
  ...['sum_rate', 'max_over_time_1h', 'topk', 'histogram_quantile', 'group_left', 'subquery'].map((shape) => ({ shape, series: 1000, steps: 100 })),
  { shape: 'sum_rate', series: 1000, steps: 1000 },
];

/**
 * The time window of a case. The data spans 330 minutes from the lab's fixed start; every
 * case ends 320 minutes in and covers about 4 h 10 m (1,000 steps at 15 s, 100 steps at
 * 150 s), so the 1 h windows and the subquery's 1 h + 5 m reach stay inside the data and
 * every step count reads about the same samples.
 */
export const BENCH_SPAN_MINUTES = 330;
export function caseWindow(dataStartMs: number, steps: number): { startMs: number; endMs: number; stepMs: number } {
  const endMs = dataStartMs + 320 * 60_000;
  if (steps === 1) return { startMs: endMs, endMs, stepMs: 60_000 };
  const stepMs = Math.round((999 * 15_000) / (steps - 1) / 1000) * 1000;
  return { startMs: endMs - (steps - 1) * stepMs, endMs, stepMs };
}
