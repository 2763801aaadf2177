// Slack write path: correctly signed `/deal tag …` slash commands (a Redis commit and a reply)
// against a bare Bolt app that only acks `/deal`, same load, same run.
import { slashBody } from '../tests/support/slack-payloads.js';
import { signedHeaders } from '../tests/support/slack-signing.js';
import { type LoadRequest, runLoad } from './load.js';
import { spawnServer } from './servers/spawn.js';

const SECRET = 'bench-signing-secret';

/**
 * Signed `/deal` requests, each with its own text and trigger_id as Slack sends them. The form is read
 * from the fixture once: the load generator shares the machine with the server, so what it spends
 * per request is taken from what the server can show.
 */
function slashRequests(): (text: string) => LoadRequest {
  const form = new URLSearchParams(
    slashBody({ team: 'TBENCH', user: 'UBENCHSDR', userName: 'sam', channel: 'CBENCH' }, ''),
  );
  let n = 0;
  return (text) => {
    form.set('text', text);
    form.set('trigger_id', `${Date.now()}.${++n}.bench`);
    const body = form.toString();
    return { body, headers: signedHeaders(SECRET, body, 'application/x-www-form-urlencoded') };
  };
}

export async function benchSlack(
  redisUrl: string,
  load: { concurrency: number; durationMs: number; warmupMs: number },
) {
  const ours = await spawnServer<{ url: string }>('dealroom', { REDIS_URL: redisUrl, BENCH_ITEMS: '0' });
  const bare = await spawnServer<{ url: string }>('bare-slack', { SIGNING_SECRET: SECRET });
  const slash = slashRequests();
  const next = (i: number) => slash(`tag <@UBENCHANA|ana> please review pricing #${i}`);
  try {
    const ourResult = await runLoad({
      ...load,
      serverCpuMs: ours.cpuMs,
      url: `${ours.info.url}/slack/events`,
      next,
    });
    const bareResult = await runLoad({
      ...load,
      serverCpuMs: bare.cpuMs,
      url: `${bare.info.url}/slack/events`,
      next,
    });
    return { ours: ourResult, bare: bareResult };
  } finally {
    await ours.stop();
    await bare.stop();
  }
}
