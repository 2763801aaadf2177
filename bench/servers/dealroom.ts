// Dealroom as the benchmark runs it: the real service on Redis (REDIS_URL), Teams unauthenticated
// against a fake connector, Slack against a fake Web API. Setup (a deal room and BENCH_ITEMS open
// tags for the clicking user) goes through the core before the JSON "ready" line.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import type { ChannelId, PersonRef, RoomRef, UserId, WorkspaceId } from '../../src/core/ids.js';
import { startFakeConnector } from '../../src/playground/fake-connector.js';
import { startFakeSlackApi } from '../../src/playground/fake-slack-api.js';
import { startService } from '../../src/service.js';
import { startProfile } from './profile.js';

export const TENANT = 'bench-tenant';
export const TEAMS_CHANNEL = '19:benchroom@thread.tacv2';
export const CLICKER = '29:bench-clicker';
export const SLACK_TEAM = 'TBENCH';
export const SLACK_CHANNEL = 'CBENCH';
export const SIGNING_SECRET = 'bench-signing-secret';

const items = Number(process.env.BENCH_ITEMS ?? '1000');
const connector = await startFakeConnector();
const slackApi = await startFakeSlackApi({ teamId: SLACK_TEAM });
const config = loadConfig({
  PORT: '0',
  NODE_ENV: 'test',
  LOG_LEVEL: 'error',
  PLAYGROUND: 'off',
  REDIS_URL: process.env.REDIS_URL ?? '',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_API_URL: slackApi.url,
  RATE_LIMIT_USER: 'off', // 20 connections as one user in one room: measure throughput, not the limit
  RATE_LIMIT_ROOM: 'off',
});
// Errors only: every benchmark tag DMs the same person, so that DM lane fills by design (then 1 post/s,
// the rest refused, as Slack's limit would have it) and warns about it every second.
const service = await startService(config, pino({ level: 'error' }));

const teams = (user: string, name: string): PersonRef => ({
  platform: 'teams',
  workspace: TENANT as WorkspaceId,
  user: user as UserId,
  name,
});
const room: RoomRef = {
  platform: 'teams',
  workspace: TENANT as WorkspaceId,
  channel: TEAMS_CHANNEL as ChannelId,
};
const sdr = teams('29:bench-sdr', 'Sam');
const clicker = teams(CLICKER, 'Cleo');
const ctx = { actor: sdr, room, via: 'teams' as const };
await service.core.run(ctx, { text: 'new Bench deal', mentions: [] });
const ids: string[] = [];
for (let i = 0; i < items; i++) {
  const o = await service.core.run(ctx, { text: `tag <@0> bench item ${i}`, mentions: [clicker] });
  const entry = o.entries[0];
  if (entry?.kind === 'tag') ids.push(`tag:${o.dealId}:${entry.tagId}`);
}
// The Slack room the slash-command benchmark tags in.
const slackRoom: RoomRef = {
  platform: 'slack',
  workspace: SLACK_TEAM as WorkspaceId,
  channel: SLACK_CHANNEL as ChannelId,
};
const slackSdr: PersonRef = {
  platform: 'slack',
  workspace: SLACK_TEAM as WorkspaceId,
  user: 'UBENCHSDR' as UserId,
  name: 'Sam',
};
await service.core.run(
  { actor: slackSdr, room: slackRoom, via: 'slack' },
  { text: 'new Bench deal', mentions: [] },
);

const file = join(tmpdir(), `dealroom-bench-items-${process.pid}.json`);
writeFileSync(file, JSON.stringify(ids));

// Profiled from here on only: the set-up above (thousands of commands) would swamp the load.
const profile = process.env.BENCH_CPU_PROF
  ? await startProfile('cpu', process.env.BENCH_CPU_PROF)
  : process.env.BENCH_HEAP_PROF
    ? await startProfile('heap', process.env.BENCH_HEAP_PROF)
    : null;

process.stdout.write(`${JSON.stringify({ url: service.url, serviceUrl: connector.url, itemsFile: file })}\n`);
process.once('SIGTERM', async () => {
  await profile?.stop();
  await service.stop();
  await connector.close();
  await slackApi.close();
  process.exit(0);
});
