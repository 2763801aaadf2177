// /deal through the real service: dedicated deal channels, sentences for bad input, the error
// boundary, replies where the bot may not post, and a 429 that holds only its own channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/core/actions.js';
import { StoreUnavailableError, userSentenceFor } from '../../src/core/errors.js';
import type { ChannelId, RoomRef, WorkspaceId } from '../../src/core/ids.js';
import type { Store } from '../../src/core/store-port.js';
import type { FakeSlackCall } from '../../src/playground/fake-slack-api.js';
import { candidateNames, channelSlug } from '../../src/slack/new-channel.js';
import { type SlackHarness, startSlackHarness, TEAM, textOf } from '../support/slack-harness.js';
import { checkSentPayloads } from '../support/slack-schemas.js';

const roomOf = (channel: string): RoomRef => ({
  platform: 'slack',
  workspace: TEAM as WorkspaceId,
  channel: channel as ChannelId,
});

/** A store that cannot reach its database for one channel, with a detail users must never see. */
function brokenFor(channel: string) {
  return (store: Store): Store =>
    new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'loadRoom') {
          return async (room: RoomRef) => {
            if (room.channel === channel) throw new StoreUnavailableError('ETIMEDOUT redis-7.internal:6379');
            return target.loadRoom(room);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

describe('deal channel names', () => {
  it('are lowercase, at most 80 characters with any suffix, and cut at a word boundary', () => {
    expect(channelSlug('Acme Expansion (EMEA)!')).toBe('deal-acme-expansion-emea');
    expect(channelSlug('Crème Brûlée Café')).toBe('deal-creme-brulee-cafe');
    const long = channelSlug('Very long deal name '.repeat(10));
    expect(long.length).toBeLessThanOrEqual(77);
    expect(long.endsWith('-')).toBe(false);
    expect(candidateNames(long).every((n) => n.length <= 80 && /^[a-z0-9_-]+$/.test(n))).toBe(true);
    expect(channelSlug('東京 ディール')).toMatch(/^deal-[0-9a-f]{8}$/);
    expect(candidateNames('deal-x').slice(0, 3)).toEqual(['deal-x', 'deal-x-2', 'deal-x-3']);
  });
});

describe('/deal commands over HTTP', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ store: 'redis', wrapStore: brokenFor('CBROKEN') });
  });
  afterAll(async () => {
    await h?.close();
  });

  const ephemeralsIn = (channel: string) =>
    h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.channel === channel);
  const postsIn = (channel: string) =>
    h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const created = (name: string) =>
    h.fake.callsTo('conversations.create').filter((c) => c.args.name === name && c.ok);

  it('new … --channel creates deal-<slug>, invites the creator and opens the deal there', async () => {
    const sam = h.who('USAM', 'CORIGIN');
    const ack = await h.ask(sam, 'new "Acme Corp (EMEA)" outbound --channel');
    const [create] = created('deal-acme-corp-emea');
    expect(create).toBeDefined();
    const channel = h.fake.callsTo('conversations.invite')[0]?.args.channel as string;
    expect(h.fake.members(channel)).toContain('USAM');
    expect(textOf(postsIn(channel)[0]?.args.blocks)).toContain('Acme Corp (EMEA)');
    // Where it was typed, only its author hears about it (in the ack); the new room gets the card.
    expect(ack?.response_type).toBe('ephemeral');
    expect(textOf(ack?.blocks)).toContain('#deal-acme-corp-emea');
    expect(ephemeralsIn('CORIGIN')).toHaveLength(0);
    const deal = (await h.store.loadRoom(roomOf(channel))).deal;
    expect(deal?.name).toBe('Acme Corp (EMEA)');
    expect(deal?.model).toBe('outbound');
    // The channel the command was typed in did not become a deal room.
    expect((await h.store.loadRoom(roomOf('CORIGIN'))).deal).toBeNull();
  });

  it('adds a numeric suffix when the name is taken', async () => {
    h.fake.addChannel('deal-globex');
    expect(textOf((await h.ask(h.who('USAM', 'CORIGIN2'), 'new Globex --channel'))?.blocks)).toContain(
      '#deal-globex-2',
    );
    const tries = h.fake
      .callsTo('conversations.create')
      .filter((c) => String(c.args.name).startsWith('deal-globex'));
    expect(tries.map((c) => [c.args.name, c.error ?? 'ok'])).toEqual([
      ['deal-globex', 'name_taken'],
      ['deal-globex-2', 'ok'],
    ]);
    const channel = h.fake.callsTo('conversations.invite').at(-1)?.args.channel as string;
    expect((await h.store.loadRoom(roomOf(channel))).deal?.name).toBe('Globex');
  });

  it('creates one channel when two identical requests race', async () => {
    const sam = h.who('USAM', 'CRACE');
    const acks = await Promise.all([
      h.ask(sam, 'new Initech --channel'),
      h.ask(sam, 'new Initech --channel'),
    ]);
    expect(
      h.fake.callsTo('conversations.create').filter((c) => String(c.args.name).startsWith('deal-initech')),
    ).toHaveLength(1);
    const texts = acks.map((a) => textOf(a?.blocks));
    expect(texts.filter((t) => t.includes('is being created already'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Created the deal room #deal-initech'))).toHaveLength(1);
  });

  it('answers an unknown command with a sentence and the usage, privately, writing nothing', async () => {
    const sam = h.who('USAM', 'CTYPO');
    const ack = await h.ask(sam, 'stauts <!channel>');
    expect(ack?.response_type).toBe('ephemeral');
    const text = textOf(ack?.blocks);
    expect(text).toContain("I don't know the command");
    expect(text).toContain('status');
    expect(text).toContain('/deal new');
    expect(JSON.stringify(ack)).not.toMatch(/<!/);
    expect(postsIn('CTYPO')).toHaveLength(0);
    expect((await h.store.loadRoom(roomOf('CTYPO'))).deal).toBeNull();
  });

  it('tells the person one sentence when something breaks, never the error itself', async () => {
    // The command failed before it had an answer: the ack goes out empty, the sentence follows.
    expect(await h.ask(h.who('USAM', 'CBROKEN'), 'status')).toBeNull();
    await h.fake.waitFor(() => ephemeralsIn('CBROKEN').length >= 1);
    const call = ephemeralsIn('CBROKEN')[0] as FakeSlackCall;
    expect(textOf(call.args.blocks)).toContain(userSentenceFor(new StoreUnavailableError('x')));
    expect(JSON.stringify(call.args)).not.toContain('ETIMEDOUT');
    expect(JSON.stringify(call.args)).not.toContain('redis-7');
  });

  it('answers an app mention that breaks the same way, but stays silent about an overheard message', async () => {
    const sam = h.who('USAM', 'CBROKEN');
    await h.message(sam, '<@UANA> an overheard message', { ts: '1700000500.000100' });
    await h.mention(sam, '<@UDEALBOT> status');
    await h.fake.waitFor(() => ephemeralsIn('CBROKEN').length >= 2);
    // The sentinel mention came after the overheard message: had it been answered, it would be here.
    await new Promise((r) => setTimeout(r, 200));
    const texts = ephemeralsIn('CBROKEN').map((c) => textOf(c.args.blocks));
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain(userSentenceFor(new StoreUnavailableError('x')));
    expect(h.fake.callsTo('reactions.add').filter((c) => c.args.channel === 'CBROKEN')).toHaveLength(0);
  });

  it('answers in the ack where the bot cannot post; a card to keep up to date goes through response_url', async () => {
    h.fake.blockChannel('CNOBOT');
    const sam = h.who('USAM', 'CNOBOT');
    // A reply in the ack needs no membership: the summary reaches the room.
    const created = await h.ask(sam, 'new Nobot deal', h.fake.responseUrl('nobot-1'));
    expect(created?.response_type).toBe('in_channel');
    expect(textOf(created?.blocks)).toContain('Nobot deal');
    await h.ask(sam, 'stage qualify', h.fake.responseUrl('nobot-2'));
    expect(h.fake.callsTo('response_url')).toHaveLength(0);
    // A handoff card is posted for its ts; refused here, it goes through response_url, with a hint.
    expect(await h.ask(sam, 'escalate <@UALEX|alex> hot lead', h.fake.responseUrl('nobot-3'))).toBeNull();
    await h.fake.waitFor((calls) => calls.filter((c) => c.method === 'response_url').length >= 2);
    const [card, hint] = h.fake.callsTo('response_url');
    expect(card?.args).toMatchObject({ response_type: 'in_channel', response_id: 'nobot-3' });
    expect(textOf(card?.args.blocks)).toContain('hot lead');
    expect(hint?.args).toMatchObject({ response_type: 'ephemeral', response_id: 'nobot-3' });
    expect(textOf(hint?.args.blocks)).toContain('/invite @Dealroom');
  });

  it('answers a room-wide command in the ack, for the channel, never echoing live mentions', async () => {
    const sam = h.who('USAM', 'CECHO');
    expect((await h.ask(sam, 'new Echo deal'))?.response_type).toBe('in_channel');
    const ack = await h.ask(sam, 'tag <@UANA|ana> <!here> <!channel|channel> check &lt;@U0FAKE|ceo&gt;');
    expect(ack?.response_type).toBe('in_channel');
    expect(textOf(ack?.blocks)).toContain('Ana');
    expect(JSON.stringify(ack)).not.toMatch(/<!(channel|here|everyone)/);
    expect(JSON.stringify(ack)).not.toContain('<@U0FAKE');
    // The room heard it from the ack; Ana's DM is a notification, posted to her.
    expect(postsIn('CECHO')).toHaveLength(0);
    await h.fake.waitFor(() => postsIn('DUANA').some((c) => textOf(c.args.blocks).includes('check')));
  });

  it('works in a direct message, where there is no deal room', async () => {
    const ack = await h.ask(h.who('USAM', 'DUSAM'), 'inbox');
    expect(ack?.response_type).toBe('ephemeral');
    expect(textOf(ack?.blocks)).toContain('Your inbox is empty');
  });

  it('a 429 on one channel does not delay another channel’s card', async () => {
    // Handoff cards are posted (their ts is kept), so they meet Slack's rate limits.
    await Promise.all([
      h.ask(h.who('USAM', 'CLIMITED'), 'new Limited deal'),
      h.ask(h.who('USAM', 'CFREE'), 'new Free deal'),
    ]);
    await Promise.all([
      h.ask(h.who('USAM', 'CLIMITED'), 'stage qualify'),
      h.ask(h.who('USAM', 'CFREE'), 'stage qualify'),
    ]);
    h.fake.rateLimit('chat.postMessage', { channel: 'CLIMITED', retryAfterSec: 1 });
    await Promise.all([
      h.slash(h.who('USAM', 'CLIMITED'), 'escalate <@UALEX|alex> limited lead'),
      h.slash(h.who('USAM', 'CFREE'), 'escalate <@UALEX|alex> free lead'),
    ]);
    await h.fake.waitFor(() => postsIn('CLIMITED').filter((c) => c.ok).length >= 1);
    const free = postsIn('CFREE')[0] as FakeSlackCall;
    const [limited, retried] = postsIn('CLIMITED');
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(free.at).toBeLessThan(retried?.at as number);
    expect((retried?.at as number) - (limited?.at as number)).toBeGreaterThanOrEqual(950);
  });

  it('acks a handoff command without waiting for the DM to the account manager', async () => {
    const room = h.who('USAM', 'CDMWAIT');
    await h.ask(room, 'new DM wait deal');
    await h.ask(room, 'stage qualify');
    // Alex's DM lane is held back 3 s by a 429; the ack must not queue behind it.
    h.fake.rateLimit('chat.postMessage', { channel: 'DUALEX', retryAfterSec: 3 });
    const dmsBefore = postsIn('DUALEX').filter((c) => c.ok).length;
    const res = await h.slash(room, 'escalate <@UALEX|alex> ready for a demo');
    expect(res.status).toBe(200);
    expect(postsIn('CDMWAIT').some((c) => c.ok && JSON.stringify(c.args).includes('ready for a demo'))).toBe(
      true,
    );
    expect(postsIn('DUALEX').filter((c) => c.ok)).toHaveLength(dmsBefore);
    await h.fake.waitFor(() => postsIn('DUALEX').filter((c) => c.ok).length > dmsBefore);
  });

  it('joins a channel linked with a one-time code, so the deal can post there', async () => {
    const home = h.who('USAM', 'CSHAREHOME');
    await h.ask(home, 'new Shared by code');
    const shared = await h.ask(home, 'share');
    expect(shared?.response_type).toBe('ephemeral');
    const code = /\b(\w{4}-\w{4}-\w{4}-\w{4})\b/.exec(textOf(shared?.blocks))?.[1] ?? '';
    expect(code).not.toBe('');
    const linked = await h.ask(h.who('UALEX', 'CSHAREJOIN'), `link ${code}`);
    expect(linked?.response_type).toBe('in_channel');
    expect(textOf(linked?.blocks)).toContain('linked this channel to deal');
    expect(h.fake.callsTo('conversations.join').map((c) => c.args.channel)).toContain('CSHAREJOIN');
    await h.ask(home, 'stage next');
    await h.fake.waitFor(() =>
      postsIn('CSHAREJOIN').some((c) => c.ok && textOf(c.args.blocks).includes('moved')),
    );
  });

  it('answers a click through response_url when the channel’s send queue is full', async () => {
    // A 429 pauses the lane of CFULL for 20 s: the answers to the clicks meanwhile queue up behind it.
    h.fake.rateLimit('chat.postEphemeral', { channel: 'CFULL', retryAfterSec: 20 });
    const ana = h.who('UANA', 'CFULL');
    const value = JSON.stringify({ i: 'tag:D-000000:gone' });
    await Promise.all(
      Array.from({ length: 201 }, (_, i) =>
        h.click(ana, { actionId: ACTION.inboxDone, value, messageTs: `1700000000.${1000 + i}` }),
      ),
    );
    const overflow = await h.click(ana, {
      actionId: ACTION.inboxDone,
      value,
      messageTs: '1700000001.000001',
      responseUrl: h.fake.responseUrl('full-1'),
    });
    expect(overflow.status).toBe(200);
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'response_url' && c.args.response_id === 'full-1'),
    );
    const [answer] = h.fake.callsTo('response_url').filter((c) => c.args.response_id === 'full-1');
    expect(answer?.args.response_type).toBe('ephemeral');
    expect(textOf(answer?.args.blocks)).toContain('not open in your inbox');
    // The queued answers still go out once the pause is over.
    await h.fake.waitFor(
      () =>
        h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.channel === 'CFULL' && c.ok).length >= 200,
      30_000,
    );
  }, 60_000);

  it('refuses to start a deal room in a Slack workspace it is not installed in, and writes nothing', async () => {
    const stranger = { team: 'T0ELSEWHERE', user: 'USAM', channel: 'CELSEWHERE', userName: 'sam' };
    const ack = await h.ask(stranger, 'new Elsewhere deal');
    expect(ack?.response_type).toBe('ephemeral');
    expect(textOf(ack?.blocks)).toContain('Dealroom is installed for another Slack workspace');
    const room = { platform: 'slack', workspace: 'T0ELSEWHERE', channel: 'CELSEWHERE' } as unknown as RoomRef;
    expect((await h.store.loadRoom(room)).deal).toBeNull();
    expect(h.fake.callsTo('conversations.join').filter((c) => c.args.channel === 'CELSEWHERE')).toEqual([]);
  });

  it('sent only valid Block Kit', () => {
    expect(checkSentPayloads(h.fake.calls, h.acks).failures).toEqual([]);
  });
});
