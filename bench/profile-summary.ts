/**
 * Self time by function of a V8 CPU profile (`node --cpu-prof`), biggest first.
 *
 *   npx tsx bench/profile-summary.ts /tmp/prof/CPU.….cpuprofile [top=25]
 *
 * (With `--cpu-prof`, Node also writes a small profile for the tsx loader thread: pass
 * the largest file.) Inlined functions count as their caller's time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [top]');
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const selfUs = new Map<string, number>();
let totalUs = 0;
for (let i = 0; i < p.samples.length; i++) {
  const dt = p.timeDeltas[i] ?? 0;
  totalUs += dt;
  const f = (byId.get(p.samples[i]) as ProfileNode).callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`;
  selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
}
for (const [key, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${key}`);
}
console.log(`total ${(totalUs / 1000).toFixed(0)} ms`);
