// Slack write path: correctly signed `/deal tag …` slash commands (a Redis commit and a reply)
// against a bare Bolt app that only acks `/deal`, same load, same run.
import { slashBody } from '../tests/support/slack-payloads.js';
import { signedHeaders } from '../tests/support/slack-signing.js';
import { runLoad } from './load.js';
import { spawnServer } from './servers/spawn.js';

const SECRET = 'bench-signing-secret';

function slash(text: string) {
  const body = slashBody({ team: 'TBENCH', user: 'UBENCHSDR', userName: 'sam', channel: 'CBENCH' }, text);
  return { body, headers: signedHeaders(SECRET, body, 'application/x-www-form-urlencoded') };
}

export async function benchSlack(
  redisUrl: string,
  load: { concurrency: number; durationMs: number; warmupMs: number },
) {
  const ours = await spawnServer<{ url: string }>('./dealroom.ts', { REDIS_URL: redisUrl, BENCH_ITEMS: '0' });
  const bare = await spawnServer<{ url: string }>('./bare-slack.ts', { SIGNING_SECRET: SECRET });
  try {
    const ourResult = await runLoad({
      ...load,
      serverCpuMs: ours.cpuMs,
      url: `${ours.info.url}/slack/events`,
      next: (i) => slash(`tag <@UBENCHANA|ana> please review pricing #${i}`),
    });
    const bareResult = await runLoad({
      ...load,
      serverCpuMs: bare.cpuMs,
      url: `${bare.info.url}/slack/events`,
      next: (i) => slash(`tag <@UBENCHANA|ana> please review pricing #${i}`),
    });
    return { ours: ourResult, bare: bareResult };
  } finally {
    await ours.stop();
    await bare.stop();
  }
}
