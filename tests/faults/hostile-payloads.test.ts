// Hostile input through the real HTTP front doors: correctly signed Slack requests and Teams
// activities whose fields have the wrong types, huge or odd values, or are missing. None may cause a
// 5xx, a crash or an unhandled rejection, and user text must never come back as a live broadcast:
// neither in what goes through the Web API nor in the replies slash commands carry in their acks.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBothPlatforms } from '../support/both-platforms.js';
import type { SlackHarness } from '../support/slack-harness.js';
import type { TeamsHarness } from '../support/teams-harness.js';

const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ maxLength: 5_000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 50 }), { maxKeys: 5 }),
  fc.constantFrom(
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U0FAKE>',
    '{"a":{"b":[1,{"c":null}]}}',
    '\u202e\u0000\ud800',
  ),
);
/** A record whose keys are plausible field names and whose values are anything. */
const shaped = (keys: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...keys), junk, { maxKeys: keys.length });

describe('hostile payloads', () => {
  const both = useBothPlatforms();
  const { rejections } = both;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  beforeAll(() => {
    ({ slack, teams } = both);
  });

  it('answers 1,000 malformed Slack and Teams payloads without a 5xx or an unhandled rejection', {
    timeout: 120_000,
  }, async () => {
    const statuses: number[] = [];
    const started = Date.now();
    const slackEvents = fc.sample(
      shaped([
        'type',
        'event',
        'team_id',
        'event_id',
        'authorizations',
        'challenge',
        'token',
        'api_app_id',
      ]).map((body) => ({ type: 'event_callback', ...body })),
      { numRuns: 250, seed: 7 },
    );
    for (const body of slackEvents) statuses.push((await slack.event(body)).status);
    const slackActions = fc.sample(
      shaped(['type', 'user', 'team', 'actions', 'container', 'view', 'trigger_id', 'channel', 'message']),
      { numRuns: 250, seed: 8 },
    );
    for (const payload of slackActions) statuses.push((await slack.interact(payload)).status);
    const activities = fc.sample(
      shaped([
        'type',
        'name',
        'id',
        'text',
        'from',
        'conversation',
        'recipient',
        'channelData',
        'value',
        'entities',
        'serviceUrl',
      ]),
      { numRuns: 400, seed: 9 },
    );
    for (const activity of activities) statuses.push((await teams.post(activity)).status);
    // And bodies that are not JSON or not objects at all.
    for (const raw of ['', 'null', '[]', '"x"', '{', '{"type":', 'x'.repeat(300_000)]) {
      const res = await fetch(`${teams.service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw,
      });
      statuses.push(res.status);
    }
    for (const raw of ['{', 'payload=%7B', 'payload=not-json', `payload=${'x'.repeat(5000)}`]) {
      statuses.push(
        (
          await slack.post(
            raw,
            raw.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded',
          )
        ).status,
      );
    }

    expect(statuses.length).toBeGreaterThanOrEqual(900);
    // A generous bound: what it catches is a request that hangs, not a slow machine.
    expect(Date.now() - started).toBeLessThan(100_000);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(rejections).toEqual([]);
    expect((await fetch(`${slack.service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${teams.service.url}/healthz`)).status).toBe(200);
  });

  it('answers a signed but unreadable Slack payload at once with a 400 sentence, and a forged one with 401', async () => {
    const body = JSON.stringify({ type: 'event_callback', event: 'not an object' });
    const res = await slack.post(body, 'application/json');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'This request is signed but is not a Slack payload Dealroom can read.',
    });
    const forged = await slack.post(body, 'application/json', { 'x-slack-signature': 'v0=forged' });
    expect(forged.status).toBe(401);
  });

  // Slack sends a typed @channel as <!channel>, and text that only looks like a mention escaped
  // (&lt;@U…&gt;): neither may come back live, whether in a slash command's ack (where its reply goes)
  // or through the Web API (handoff cards, DMs to the people tagged).
  it('never echoes user text as a live @channel/@here/@everyone or a fake mention', async () => {
    const who = slack.who('UANN', 'CHOSTILE');
    const acksBefore = slack.acks.length;
    expect((await slack.ask(who, 'new Hostile deal'))?.response_type).toBe('in_channel');
    const texts = fc.sample(
      fc
        .tuple(fc.constantFrom('tag', 'research', 'new', 'stage', 'escalate', 'nonsense', ''), junk)
        .map(
          ([cmd, rest]) =>
            `${cmd} <!channel> <!here|here> <!everyone> &lt;@U0FAKE|ceo&gt; ${JSON.stringify(rest)}`,
        ),
      { numRuns: 100, seed: 10 },
    );
    const statuses: number[] = [];
    for (const text of texts) statuses.push((await slack.slash(who, text)).status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // Every command was answered in its ack (the harness keeps each ack's reply).
    const acks = slack.acks.slice(acksBefore);
    expect(acks.length).toBe(texts.length + 1);
    await new Promise((r) => setTimeout(r, 500));
    const sent = JSON.stringify([...slack.fake.calls.map((c) => c.args), ...acks]);
    expect(sent).not.toMatch(/<!(channel|here|everyone)/);
    expect(sent).not.toContain('<@U0FAKE');
    // The user text did come back (so the checks above looked at it): defused, as text.
    expect(JSON.stringify(acks)).toContain('U0FAKE');
    expect(rejections).toEqual([]);
  });
});
