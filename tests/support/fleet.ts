// Shared pieces of the multi-process fault tests: a fake Slack and a private Redis for child
// services, and reading back what a deal holds (its whole timeline) to check it is consistent.
import type { DealId } from '../../src/core/ids.js';
import type { TimelineEntry } from '../../src/core/model.js';
import type { Store } from '../../src/core/store-port.js';
import type { FakeSlackApi, FakeSlackCall } from '../../src/playground/fake-slack-api.js';
import { SECRET } from './slack-harness.js';

/** Every entry of a deal, oldest first. */
export async function wholeTimeline(store: Store, dealId: DealId): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await store.timeline(dealId, { filter: 'all', limit: 200, ...(before ? { before } : {}) });
    out.push(...page.entries);
    if (!page.older) return out.reverse();
    before = page.older;
  }
}

/** Text a call carries, however it carries it (text, blocks, attachments): what a person reads. */
export function callText(call: FakeSlackCall): string {
  return JSON.stringify([call.args.text, call.args.blocks, call.args.attachments]);
}

/** The environment of a child Dealroom talking to this fake Slack and this Redis. */
export function childEnv(fake: FakeSlackApi, redisUrl: string, extra: Record<string, string> = {}) {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PLAYGROUND: 'off',
    REDIS_URL: redisUrl,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: fake.url,
    RATE_LIMIT_USER: 'off',
    RATE_LIMIT_ROOM: 'off',
    ...extra,
  };
}

/** Runs `tasks` with at most `n` in flight. */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return out;
}
