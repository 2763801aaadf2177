// Teams write path: adaptiveCard/action invokes (inbox Done: one Redis commit, answered with the
// refreshed inbox card) against a bare botbuilder bot answering a fixed card, same load, same run.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type LoadResult, runLoad } from './load.js';
import { spawnServer } from './servers/spawn.js';

const SHARED = new URL('../../shared/', import.meta.url);
const fixture = JSON.parse(
  readFileSync(new URL('fixtures/platform-payloads/teams-invoke-adaptivecard-action.json', SHARED), 'utf8'),
) as Record<string, unknown>;
delete fixture._source;

function invoke(serviceUrl: string, data: Record<string, string>, verb: string) {
  const body = JSON.stringify({
    ...fixture,
    id: `f:${randomUUID()}`,
    serviceUrl,
    from: { id: '29:bench-clicker', name: 'Cleo', aadObjectId: '00000000-0000-0000-0000-000000000001' },
    conversation: {
      id: '19:benchroom@thread.tacv2',
      isGroup: true,
      conversationType: 'channel',
      tenantId: 'bench-tenant',
    },
    channelData: {
      tenant: { id: 'bench-tenant' },
      channel: { id: '19:benchroom@thread.tacv2' },
      team: { id: '19:benchroom@thread.tacv2' },
      source: { name: 'message' },
    },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
  return { body, headers: { 'content-type': 'application/json' } };
}

export interface SideBySide {
  readonly ours: LoadResult;
  readonly bare: LoadResult;
}

export async function benchTeams(
  redisUrl: string,
  load: { concurrency: number; durationMs: number; warmupMs: number },
) {
  const expected = Math.ceil(((load.durationMs + load.warmupMs) / 1000) * 4000);
  const ours = await spawnServer<{ url: string; serviceUrl: string; itemsFile: string }>('dealroom', {
    REDIS_URL: redisUrl,
    BENCH_ITEMS: String(expected),
  });
  const bare = await spawnServer<{ url: string }>('bare-teams', {});
  try {
    const items = JSON.parse(readFileSync(ours.info.itemsFile, 'utf8')) as string[];
    const ourResult = await runLoad({
      ...load,
      serverCpuMs: ours.cpuMs,
      url: `${ours.info.url}/api/messages`,
      // Each click closes a different open item: a real commit every time, never a no-op.
      next: (i) =>
        invoke(
          ours.info.serviceUrl,
          { dealroom: 'inbox.done', i: items[i % items.length] ?? '' },
          'inbox.done',
        ),
    });
    const bareResult = await runLoad({
      ...load,
      serverCpuMs: bare.cpuMs,
      url: `${bare.info.url}/api/messages`,
      next: () => invoke('http://127.0.0.1:9/', { feedback: 'x' }, 'noop'),
    });
    return { ours: ourResult, bare: bareResult, itemsPrepared: items.length };
  } finally {
    await ours.stop();
    await bare.stop();
  }
}
