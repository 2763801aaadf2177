// The /slack/events endpoint as Slack reaches it: signed requests only, acked fast, nothing written
// for anything that fails verification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, type SlackHarness, startSlackHarness, textOf } from '../support/slack-harness.js';
import { fixture, slashBody } from '../support/slack-payloads.js';
import { checkSentPayloads } from '../support/slack-schemas.js';
import { nowSeconds, signedHeaders, slackSignature } from '../support/slack-signing.js';

describe('request signing', () => {
  it("matches Slack's documented signing example", () => {
    const vector = fixture('slack-slash-command-form-body-signed-docs-vector.json');
    // The values named in the fixture's _source, from Slack's "verifying requests" doc.
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, vector.rawBody as string)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

describe('/slack/events over HTTP', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('checked the bot token against SLACK_API_URL at start (auth.test on the fake)', () => {
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('answers /deal help in the body of its ack: an ephemeral help card, no Web API call', async () => {
    const who = h.who('USAM', 'CHELP');
    const res = await h.slash(who, 'help');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const ack = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).not.toBe('');
    expect(textOf(ack.blocks)).toContain('/deal new &lt;name&gt;');
    const inChannel = h.fake.calls.filter((c) => c.args.channel === 'CHELP');
    expect(inChannel).toHaveLength(0);
    expect(checkSentPayloads(h.fake.calls, h.acks).failures).toEqual([]);
  });

  it('acks in time when Slack is slow, and the reply follows through the Web API', async () => {
    // `new … --channel` needs conversations.create before it can say anything: slower than the ack may wait.
    h.fake.delay('conversations.create', 3_500);
    try {
      const res = await h.slash(h.who('USAM', 'CSLOWAPI'), 'new Slowpoke --channel');
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      // The ack went out while conversations.create was still unanswered (the fake records on answer).
      expect(
        h.fake.callsTo('conversations.create').filter((c) => c.args.name === 'deal-slowpoke'),
      ).toHaveLength(0);
      await h.fake.waitFor(
        (calls) => calls.some((c) => c.method === 'chat.postEphemeral' && c.args.channel === 'CSLOWAPI'),
        10_000,
      );
      const [told] = h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.channel === 'CSLOWAPI');
      expect(textOf(told?.args.blocks)).toContain('Created the deal room #deal-slowpoke');
    } finally {
      h.fake.delay('conversations.create', 0);
    }
  });

  it.each([
    ['a bad signature', 'CBADSIG', 'not-the-secret', 0],
    ['a stale timestamp (over 5 minutes old)', 'CSTALE', SECRET, -6 * 60],
    ['a timestamp more than 5 minutes in the future', 'CFUTURE', SECRET, 6 * 60],
  ])('refuses %s with 401 and writes nothing', async (_what, channel, secret, skewSeconds) => {
    const who = h.who('USAM', channel);
    const body = slashBody(who, 'new Forged deal');
    const headers = signedHeaders(
      secret,
      body,
      'application/x-www-form-urlencoded',
      nowSeconds() + skewSeconds,
    );
    const before = h.fake.calls.length;
    const res = await h.post(body, 'application/x-www-form-urlencoded', headers);
    expect(res.status).toBe(401);
    // Give a wrongly accepted request time to act before checking that nothing happened.
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.calls.length).toBe(before);
    expect(
      (await h.store.loadRoom({ platform: 'slack', workspace: who.team, channel } as never)).deal,
    ).toBeNull();
  });

  it('refuses a missing, malformed or misdated signature with 401 and writes nothing', async () => {
    const who = h.who('USAM', 'CNOSIG');
    const body = slashBody(who, 'new Unsigned deal');
    const signed = signedHeaders(SECRET, body, 'application/x-www-form-urlencoded');
    const sig = signed['x-slack-signature'] as string;
    const ts = signed['x-slack-request-timestamp'] as string;
    const variants: Record<string, string>[] = [
      { 'content-type': signed['content-type'] as string, 'x-slack-request-timestamp': ts },
      { 'content-type': signed['content-type'] as string, 'x-slack-signature': sig },
      { ...signed, 'x-slack-signature': sig.replace('v0=', 'v1=') },
      { ...signed, 'x-slack-signature': sig.toUpperCase().replace('V0=', 'v0=') },
      { ...signed, 'x-slack-signature': `${sig}00` },
      { ...signed, 'x-slack-request-timestamp': String(Number(ts) + 1) },
      { ...signed, 'x-slack-request-timestamp': `0${ts}` },
    ];
    const room = { platform: 'slack', workspace: who.team, channel: 'CNOSIG' } as never;
    for (const headers of variants) {
      const res = await fetch(`${h.service.url}/slack/events`, { method: 'POST', body, headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.store.loadRoom(room)).deal).toBeNull();
    // The same bytes, correctly signed, are accepted: the refusals above were for their headers.
    expect((await h.post(body, 'application/x-www-form-urlencoded', signed)).status).toBe(200);
    expect((await h.store.loadRoom(room)).deal).not.toBeNull();
  });

  it('refuses a replayed request (same signed bytes) with 401; it applies once', async () => {
    const who = h.who('USAM', 'CREPLAY');
    await h.ask(who, 'new Replay deal');
    const body = slashBody(who, 'tag <@UANA|ana> only once please');
    const headers = signedHeaders(SECRET, body, 'application/x-www-form-urlencoded');
    const first = await h.post(body, 'application/x-www-form-urlencoded', headers);
    expect(first.status).toBe(200);
    const replays = await Promise.all(
      [1, 2, 3].map(() => h.post(body, 'application/x-www-form-urlencoded', headers)),
    );
    expect(replays.map((r) => r.status)).toEqual([401, 401, 401]);
    // Slack's retry header is not signed: on anything but an event it buys a replay nothing.
    const retried = await h.post(body, 'application/x-www-form-urlencoded', {
      ...headers,
      'x-slack-retry-num': '1',
    });
    expect(retried.status).toBe(401);
    const deal = (
      await h.store.loadRoom({ platform: 'slack', workspace: who.team, channel: 'CREPLAY' } as never)
    ).deal;
    const tags = await h.store.timeline(deal!.id, { filter: 'tags', limit: 10 });
    expect(tags.entries).toHaveLength(1);
  });

  it('answers Slack’s url_verification challenge', async () => {
    const res = await h.post(
      JSON.stringify({ token: 't', challenge: 'ch4ll3nge', type: 'url_verification' }),
      'application/json',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ch4ll3nge' });
  });

  it('answers Slack’s ssl_check with an empty 200, and runs nothing', async () => {
    const before = h.fake.calls.length;
    const res = await h.post('ssl_check=1&token=t', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(h.fake.calls.length).toBe(before);
  });

  it('leaves other routes alone', async () => {
    expect((await fetch(`${h.service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.service.url}/slack/events`)).status).toBe(404);
  });
});
