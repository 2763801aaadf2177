// `npm run bench`: our paths measured beside the bare frameworks, in one run on one machine. Prints a
// table, and as its last line one JSON object with the headline figures.
import { execFileSync } from 'node:child_process';
import { startRedisServer } from '../tests/support/redis-server.js';
import { coldStart } from './cold-start.js';
import { bytesPerEntry, countRoundTrips } from './redis-cost.js';
import { round } from './stats.js';
import { benchPaging } from './timeline.js';

const root = new URL('../', import.meta.url).pathname;

interface Row {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly ok: boolean | null;
}
const rows: Row[] = [];
const row = (metric: string, value: string, target = '', ok: boolean | null = null) =>
  rows.push({ metric, value, target, ok });

async function main() {
  // A private Redis: exact MEMORY USAGE and no neighbours skewing latency; never the shared one.
  const redis = await startRedisServer();
  const summary: Record<string, number> = {};
  try {
    const paging = await benchPaging(redis.url, [100, 10_000, 100_000]);
    for (const p of paging) {
      row(`timeline first page @${p.size}`, `${round(p.firstMs)} ms`);
      row(`timeline deep page @${p.size}`, `${round(p.deepMs)} ms`);
    }
    const first100 = paging.find((p) => p.size === 100)!.firstMs;
    const deep100k = paging.find((p) => p.size === 100_000)!.deepMs;
    summary.timeline_deep_ratio = round(deep100k / first100, 2);
    row(
      'deep page @100k / first page @100',
      `${summary.timeline_deep_ratio}×`,
      '≤ 1.5×',
      summary.timeline_deep_ratio <= 1.5,
    );

    const rt = await countRoundTrips(redis.url);
    for (const [cmd, n] of Object.entries(rt.perCommand)) row(`redis round trips: ${cmd}`, String(n));
    summary.redis_roundtrips_per_command = rt.max;
    row('redis round trips per command (max)', String(rt.max), '≤ 2', rt.max <= 2);

    summary.redis_bytes_per_entry = round(await bytesPerEntry(redis.url), 1);
    row(
      'redis bytes per timeline entry',
      String(summary.redis_bytes_per_entry),
      '≤ 400',
      summary.redis_bytes_per_entry <= 400,
    );
  } finally {
    await redis.stop();
  }

  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  summary.cold_start_ms = round(await coldStart(root, {}), 0);
  row(
    'cold start to /readyz 200 (memory store)',
    `${summary.cold_start_ms} ms`,
    '≤ 1500 ms',
    summary.cold_start_ms <= 1500,
  );

  const width = Math.max(...rows.map((r) => r.metric.length));
  const lines = [`\n${'metric'.padEnd(width)}  value          target      met`];
  for (const r of rows) {
    const met = r.ok === null ? '' : r.ok ? 'yes' : 'NO';
    lines.push(`${r.metric.padEnd(width)}  ${r.value.padEnd(13)}  ${r.target.padEnd(10)}  ${met}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

await main();
