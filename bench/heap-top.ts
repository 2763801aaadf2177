// The functions that allocate the most, from the largest .heapprofile of a directory (written by
// BENCH_HEAP_PROF=<dir> npm run bench -- slack). Garbage counts: the profile keeps objects the
// collector has already freed, because allocation volume is what a CPU profile's GC share comes from.
// `tsx bench/heap-top.ts <dir> [top]`
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface HeapNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children: readonly HeapNode[];
}
interface HeapProfile {
  readonly head: HeapNode;
  readonly samples: readonly { readonly nodeId: number; readonly size: number }[];
}

const dir = process.argv[2];
const top = Number(process.argv[3] ?? '25');
if (!dir) throw new Error('usage: tsx bench/heap-top.ts <dir with .heapprofile files> [top]');
const file = readdirSync(dir)
  .filter((f) => f.endsWith('.heapprofile'))
  .map((f) => join(dir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0];
if (!file) throw new Error(`no .heapprofile in ${dir}`);
const profile = JSON.parse(readFileSync(file, 'utf8')) as HeapProfile;

const bytesOf = new Map<number, number>();
for (const s of profile.samples) bytesOf.set(s.nodeId, (bytesOf.get(s.nodeId) ?? 0) + s.size);
const self = new Map<string, number>();
let total = 0;
const visit = (node: HeapNode) => {
  const bytes = bytesOf.get(node.id) ?? 0;
  const f = node.callFrame;
  const where = f.url
    ? `${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}:${f.lineNumber + 1}`
    : '';
  const name = `${f.functionName || '(anonymous)'} ${where}`.trim();
  self.set(name, (self.get(name) ?? 0) + bytes);
  total += bytes;
  for (const child of node.children) visit(child);
};
visit(profile.head);
process.stdout.write(`${file}: ${(total / 1e6).toFixed(0)} MB allocated (sampled)\n`);
for (const [name, bytes] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(
    `${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${(bytes / 1e6).toFixed(0).padStart(6)} MB  ${name}\n`,
  );
}
