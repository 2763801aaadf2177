// The team-selling scenario end to end, through signed HTTP requests to the real service on Redis, with
// the fake Slack Web API showing what a workspace would see: channel messages, DMs, card updates.
// A slash command's reply comes back in its ack; the handoff card (updated later) is posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelId, WorkspaceId } from '../../src/core/ids.js';
import type { FakeSlackCall } from '../../src/playground/fake-slack-api.js';
import { type SlackHarness, startSlackHarness, TEAM, textOf } from '../support/slack-harness.js';
import { checkSentPayloads } from '../support/slack-schemas.js';

const CH = 'CACME';
const room = { platform: 'slack' as const, workspace: TEAM as WorkspaceId, channel: CH as ChannelId };

describe('Slack end to end: from a new deal to an accepted handoff', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ store: 'redis' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const posts = (channel: string) =>
    h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const ephemerals = (user: string) =>
    h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
  const waitCount = (select: () => FakeSlackCall[], n: number) => h.fake.waitFor(() => select().length >= n);
  const lastText = (calls: FakeSlackCall[]) => textOf(calls[calls.length - 1]?.args.blocks);

  it('runs the whole story through /deal, @mentions, a listened message and buttons', {
    timeout: 60_000,
  }, async () => {
    const sam = h.who('USAM', CH);
    const alex = h.who('UALEX', CH);
    const olga = h.who('UOLGA', CH);

    // A new outbound deal in this channel: the bot joins it, and the ack shows the room the summary.
    const created = await h.ask(sam, 'new Acme expansion outbound');
    expect(created?.response_type).toBe('in_channel');
    expect(textOf(created?.blocks)).toContain('Acme expansion');
    expect(h.fake.callsTo('conversations.join').map((c) => c.args.channel)).toContain(CH);
    const dealId = (await h.store.loadRoom(room)).deal?.id;
    expect(dealId).toMatch(/^D-/);

    const qualified = await h.ask(sam, 'stage qualify');
    expect(qualified?.response_type).toBe('in_channel');
    expect(textOf(qualified?.blocks)).toContain('from Prospect to Qualify');

    // Research before the deal is past Qualify: a sentence for Sam only, nothing written.
    const version = (await h.store.loadRoom(room)).deal?.version;
    const early = await h.ask(sam, 'research industry Retail is consolidating');
    expect(early?.response_type).toBe('ephemeral');
    expect(textOf(early?.blocks)).toMatch(/Research opens after Qualify/);
    expect((await h.store.loadRoom(room)).deal?.version).toBe(version);

    expect((await h.ask(sam, 'stage next'))?.response_type).toBe('in_channel');
    const research = await h.ask(sam, 'research industry Retail is consolidating');
    expect(research?.response_type).toBe('in_channel');
    expect(textOf(research?.blocks)).toContain('Retail is consolidating');
    // Every reply so far went in an ack: nothing was posted or whispered through the Web API.
    expect(posts(CH)).toHaveLength(0);
    expect(ephemerals('USAM')).toHaveLength(0);

    // A tag by app mention (Events API text has no names: users.info gives Ana's), DM'd to Ana.
    await h.mention(sam, '<@UDEALBOT> tag <@UANA> can you size the market?');
    await waitCount(() => posts(CH), 1);
    expect(lastText(posts(CH))).toContain('tagged Ana');
    await waitCount(() => posts('DUANA'), 1);
    expect(lastText(posts('DUANA'))).toContain('can you size the market?');

    // A plain message mentioning Ana is listened to: recorded with its permalink, marked 🏷️, DM'd.
    await h.message(sam, '<@UANA> also check the EMEA numbers', { ts: '1700000100.000200' });
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'reactions.add'));
    expect(h.fake.callsTo('reactions.add')[0]?.args).toMatchObject({
      channel: CH,
      timestamp: '1700000100.000200',
    });
    expect(h.fake.callsTo('chat.getPermalink')).toHaveLength(1);
    await waitCount(() => posts('DUANA'), 2);
    expect(posts(CH)).toHaveLength(1);
    // Ana's name was looked up once and then served from the cache.
    expect(h.fake.callsTo('users.info').filter((c) => c.args.user === 'UANA')).toHaveLength(1);

    // Escalate to Alex: the handoff card in the channel and in Alex's DM, both posted (not in the
    // ack) because both copies are updated later by their ts.
    expect(await h.ask(sam, 'escalate <@UALEX|alex> budget confirmed, wants a demo')).toBeNull();
    await waitCount(() => posts(CH), 2);
    await waitCount(() => posts('DUALEX'), 1);
    const channelCard = posts(CH)[1] as FakeSlackCall;
    const dmCard = posts('DUALEX')[0] as FakeSlackCall;
    expect(textOf(channelCard.args.blocks)).toContain('budget confirmed');
    expect(textOf(dmCard.args.blocks)).toContain('budget confirmed');
    const buttons = (
      channelCard.args.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[]
    )
      .find((b) => b.type === 'actions')
      ?.elements?.filter((e) => e.value);
    const accept = buttons?.find((b) => b.action_id === 'handoff.accept');
    expect(accept?.value).toBeDefined();
    const channelTs = h.fake.messages(CH)[1]?.ts as string;
    const dmTs = h.fake.messages('DUALEX')[0]?.ts as string;
    const handoffId = (JSON.parse(accept?.value as string) as { h: string }).h;
    // Each copy's ref is stored right after Slack answers the post.
    await expect.poll(() => h.store.cardRefs(dealId as never, `handoff:${handoffId}`)).toHaveLength(2);

    // Olga is not allowed to accept: a sentence for her, and no card changes.
    await h.click(olga, { actionId: 'handoff.accept', value: accept?.value, messageTs: channelTs });
    await waitCount(() => ephemerals('UOLGA'), 1);
    expect(lastText(ephemerals('UOLGA'))).toBe(
      '⚠️ Only Alex (the account manager it was handed to) can accept this handoff.',
    );
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
    expect((await h.store.loadRoom(room)).handoffs.get(handoffId)?.state).toBe('pending');

    // Alex accepts on the channel card: the room hears it, Sam gets a DM, both cards are updated.
    await h.click(alex, { actionId: 'handoff.accept', value: accept?.value, messageTs: channelTs });
    await waitCount(() => h.fake.callsTo('chat.update'), 2);
    await waitCount(() => posts(CH), 3);
    expect(lastText(posts(CH))).toContain('accepted the handoff');
    await waitCount(() => posts('DUSAM'), 1);
    expect(lastText(posts('DUSAM'))).toContain('accepted the handoff');
    const updated = h.fake.callsTo('chat.update').map((c) => `${c.args.channel}:${c.args.ts}`);
    expect(updated.sort()).toEqual([`${CH}:${channelTs}`, `DUALEX:${dmTs}`].sort());
    for (const copy of [h.fake.messages(CH)[1], h.fake.messages('DUALEX')[0]]) {
      expect(copy?.updates).toBe(1);
      expect(textOf(copy?.blocks)).toContain('Accepted by Alex');
      expect(JSON.stringify(copy?.blocks)).not.toContain('"type":"actions"');
    }
    const snap = await h.store.loadRoom(room);
    expect(snap.handoffs.get(handoffId)?.state).toBe('accepted');
    expect(snap.deal?.owner.user).toBe('UALEX');

    // The timeline shows the listened tag with a link back to the message.
    const timeline = await h.ask(sam, 'timeline tags');
    expect(timeline?.response_type).toBe('ephemeral');
    expect(textOf(timeline?.blocks)).toContain('also check the EMEA numbers');
    expect(JSON.stringify(timeline?.blocks)).toContain(`archives/${CH}/p1700000100000200|view message`);

    // Everything the bot sent is valid Block Kit within Slack's limits.
    const sent = checkSentPayloads(h.fake.calls, h.acks);
    expect(sent.failures).toEqual([]);
    expect(sent.checked).toBeGreaterThan(15);
  });
});
