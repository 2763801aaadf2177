// `npm run bench`: our paths measured beside the bare frameworks, in one run on one machine. Prints a
// table, and as its last line one JSON object with the headline figures. `npm run bench -- slack teams`
// runs only the parts named (paging redis slack teams cards cold), to repeat the noisy ones cheaply.
import { startRedisServer } from '../tests/support/redis-server.js';
import { benchCards } from './cards.js';
import { coldStart } from './cold-start.js';
import { bytesPerEntry, countRoundTrips } from './redis-cost.js';
import { buildServers } from './servers/spawn.js';
import { benchSlack } from './slack.js';
import { round } from './stats.js';
import { benchTeams } from './teams.js';
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

const PARTS = ['paging', 'redis', 'slack', 'teams', 'cards', 'cold'] as const;
type Part = (typeof PARTS)[number];
const asked = process.argv.slice(2);
for (const a of asked) {
  if (!(PARTS as readonly string[]).includes(a))
    throw new Error(`unknown bench part "${a}"; parts: ${PARTS.join(' ')}`);
}
const want = (part: Part) => asked.length === 0 || asked.includes(part);
type Summary = Record<string, number>;
type Load = { concurrency: number; durationMs: number; warmupMs: number };

async function main() {
  // A private Redis: exact MEMORY USAGE and no neighbours skewing latency; never the shared one.
  const redis = await startRedisServer();
  const summary: Summary = {};
  const load = { concurrency: 20, durationMs: 8_000, warmupMs: 2_000 };
  // Servers and the cold start run the compiled build, as production does (spawn.ts says why).
  if (want('slack') || want('teams') || want('cold')) buildServers();
  try {
    if (want('paging')) await pagingPart(redis.url, summary);
    if (want('redis')) await redisPart(redis.url, summary);
    if (want('slack')) await slackPart(redis.url, load, summary);
    if (want('teams')) await teamsPart(redis.url, load, summary);
  } finally {
    await redis.stop();
  }
  if (want('cards')) await cardsPart(summary);
  if (want('cold')) await coldPart(summary);
  print(summary);
}

async function pagingPart(redisUrl: string, summary: Summary) {
  const paging = await benchPaging(redisUrl, [100, 10_000, 100_000]);
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
}

async function redisPart(redisUrl: string, summary: Summary) {
  const rt = await countRoundTrips(redisUrl);
  for (const [cmd, n] of Object.entries(rt.perCommand)) row(`redis round trips: ${cmd}`, String(n));
  summary.redis_roundtrips_per_command = rt.max;
  row('redis round trips per command (max)', String(rt.max), '≤ 2', rt.max <= 2);

  summary.redis_bytes_per_entry = round(await bytesPerEntry(redisUrl), 1);
  row(
    'redis bytes per timeline entry',
    String(summary.redis_bytes_per_entry),
    '≤ 400',
    summary.redis_bytes_per_entry <= 400,
  );
}

type LoadResult = Awaited<ReturnType<typeof benchSlack>>['ours'];

/** One platform's write path beside its bare framework: the rows and the two summary figures. */
function writePathRows(
  platform: 'slack' | 'teams',
  labels: { bare: string; ours: string },
  result: { ours: LoadResult; bare: LoadResult },
  summary: Summary,
) {
  const ratio = round(result.ours.rps / result.bare.rps, 2);
  const p99 = round(result.ours.p99, 1);
  summary[`${platform}_throughput_ratio`] = ratio;
  summary[`${platform}_p99_ms`] = p99;
  row(`${platform} ${labels.bare} req/s`, String(Math.round(result.bare.rps)));
  row(`${platform} ${labels.ours} req/s`, String(Math.round(result.ours.rps)));
  row(`${platform} throughput ours / bare`, `${ratio}×`, '≥ 0.6×', ratio >= 0.6);
  row(`${platform} p50 / p99`, `${round(result.ours.p50, 1)} / ${p99} ms`, 'p99 ≤ 50 ms', p99 <= 50);
  row(
    `${platform} server CPU per request (ours / bare)`,
    `${Math.round(result.ours.cpuUsPerRequest)} / ${Math.round(result.bare.cpuUsPerRequest)} µs`,
  );
  row(
    `${platform} load generator CPU per request (ours / bare)`,
    `${Math.round(result.ours.loadCpuUsPerRequest)} / ${Math.round(result.bare.loadCpuUsPerRequest)} µs`,
  );
  row(`${platform} errors (ours / bare)`, `${result.ours.errors} / ${result.bare.errors}`);
}

async function slackPart(redisUrl: string, load: Load, summary: Summary) {
  const labels = { bare: 'bare Bolt (ack only)', ours: '/deal tag (commit + reply)' };
  writePathRows('slack', labels, await benchSlack(redisUrl, load), summary);
}

async function teamsPart(redisUrl: string, load: Load, summary: Summary) {
  const labels = { bare: 'bare botbuilder (fixed card)', ours: 'inbox.done invoke (commit + card)' };
  writePathRows('teams', labels, await benchTeams(redisUrl, load), summary);
}

async function cardsPart(summary: Summary) {
  const cards = await benchCards();
  for (const c of cards.rows) {
    row(`render ${c.view} (Slack / Teams)`, `${c.slackMs} / ${c.teamsMs} ms`, '', null);
    row(`size ${c.view} (Slack blocks / Teams card)`, `${c.slackBytes} / ${c.teamsBytes} B`);
  }
  summary.max_card_bytes = cards.maxTeamsBytes;
  row('largest Teams card', `${cards.maxTeamsBytes} B`, '≤ 28672 B', cards.maxTeamsBytes <= 28 * 1024);
}

async function coldPart(summary: Summary) {
  summary.cold_start_ms = round(await coldStart(root, {}), 0);
  row(
    'cold start to /readyz 200 (memory store)',
    `${summary.cold_start_ms} ms`,
    '≤ 1500 ms',
    summary.cold_start_ms <= 1500,
  );
}

function print(summary: Summary) {
  const width = Math.max(...rows.map((r) => r.metric.length));
  const lines = [`\n${'metric'.padEnd(width)}  value          target      met`];
  for (const r of rows) {
    const met = r.ok === null ? '' : r.ok ? 'yes' : 'NO';
    lines.push(`${r.metric.padEnd(width)}  ${r.value.padEnd(13)}  ${r.target.padEnd(10)}  ${met}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const keys = [
    'slack_throughput_ratio',
    'slack_p99_ms',
    'teams_throughput_ratio',
    'teams_p99_ms',
    'timeline_deep_ratio',
    'redis_roundtrips_per_command',
    'redis_bytes_per_entry',
    'max_card_bytes',
    'cold_start_ms',
  ];
  process.stdout.write(
    `${JSON.stringify(Object.fromEntries(keys.filter((k) => k in summary).map((k) => [k, summary[k]])))}\n`,
  );
}

await main();
