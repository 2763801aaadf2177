// The functions with the most self time in the largest .cpuprofile of a directory (written by
// BENCH_CPU_PROF=<dir> npm run bench -- slack). Idle and GC are listed as V8 names them.
// `tsx bench/profile-top.ts <dir> [top] [windowSeconds]`: with windowSeconds, only the busiest window
// of that length (the measured load, not the set-up before the ready line nor the bare run after).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const dir = process.argv[2];
const top = Number(process.argv[3] ?? '25');
const windowUs = Number(process.argv[4] ?? '0') * 1e6;
if (!dir) throw new Error('usage: tsx bench/profile-top.ts <dir with .cpuprofile files> [top]');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => join(dir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size);
const file = files[0];
if (!file) throw new Error(`no .cpuprofile in ${dir}`);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const idle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';
const times: number[] = [];
profile.timeDeltas.reduce((at, dt) => {
  times.push(at + dt);
  return at + dt;
}, 0);
// Two pointers: the window [from, to) of windowUs with the most busy (non-idle) time.
let from = 0;
let to = times.length;
if (windowUs > 0) {
  let best = -1;
  let busy = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    if (!idle(profile.samples[hi] ?? 0)) busy += profile.timeDeltas[hi] ?? 0;
    while ((times[hi] ?? 0) - (times[lo] ?? 0) > windowUs) {
      if (!idle(profile.samples[lo] ?? 0)) busy -= profile.timeDeltas[lo] ?? 0;
      lo++;
    }
    if (busy > best) {
      best = busy;
      from = lo;
      to = hi + 1;
    }
  }
}
let total = 0;
profile.samples.forEach((id, i) => {
  if (i < from || i >= to) return;
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const f = byId.get(id)?.callFrame;
  const where = f?.url
    ? `${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}:${f.lineNumber + 1}`
    : '';
  const name = `${f?.functionName || '(anonymous)'} ${where}`.trim();
  self.set(name, (self.get(name) ?? 0) + dt);
});
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
for (const [name, us] of rows) {
  process.stdout.write(
    `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${name}\n`,
  );
}
