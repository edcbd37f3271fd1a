import { buildDataset, checkQuery } from './differential-fuzz.ts';
import { runQuery } from '../engine.ts';
import { formatLabels } from '../model/labels.ts';
const [ds, qs] = JSON.parse((globalThis as any).process.argv[2]);
const st = buildDataset(ds);
for (const q of qs) {
  for (const ev of ['naive', 'streaming'] as const) {
    const r = runQuery(st, q, { evaluator: ev });
    if (!r.ok) { (globalThis as any).console.log(ev, 'ERR', r.error.message); continue; }
    const v = r.value as any;
    (globalThis as any).console.log(ev, v.kind, v.series?.map((s: any) => formatLabels(s.labels) + ' ' + Array.from(s.values as Float64Array, (x: number, i: number) => s.present[i] ? x : '_').join(',')));
  }
  (globalThis as any).console.log('diff:', checkQuery(st, q));
}
