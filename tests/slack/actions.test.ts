// Buttons, menus and the decline form through the real service on Redis: each click is read from the
// card the fake recorded, as a person would click it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, DECLINE_MODAL } from '../../src/core/actions.js';
import type { ChannelId, DealId, PersonRef, RoomRef, UserId, WorkspaceId } from '../../src/core/ids.js';
import type { FakeSlackCall } from '../../src/playground/fake-slack-api.js';
import {
  BOT,
  type SlackHarness,
  type SlashAck,
  startSlackHarness,
  TEAM,
  textOf,
} from '../support/slack-harness.js';
import { viewSubmission } from '../support/slack-payloads.js';
import { checkSentPayloads } from '../support/slack-schemas.js';

const CH = 'CDEAL';
const room: RoomRef = { platform: 'slack', workspace: TEAM as WorkspaceId, channel: CH as ChannelId };
const person = (user: string): PersonRef => ({
  platform: 'slack',
  workspace: TEAM as WorkspaceId,
  user: user as UserId,
  name: user,
});

interface Element {
  readonly type: string;
  readonly action_id?: string;
  readonly value?: string;
  readonly options?: { value: string; text: { text: string } }[];
}

/** Every interactive element of a recorded message, with its block id. */
/** The interactive elements of a posted message (a recorded call) or of a slash command's ack. */
function elements(sent: FakeSlackCall | SlashAck | null | undefined): (Element & { block_id?: string })[] {
  const raw = sent && 'args' in sent ? sent.args.blocks : sent?.blocks;
  const blocks = (raw ?? []) as {
    type: string;
    block_id?: string;
    elements?: Element[];
    accessory?: Element;
  }[];
  return blocks.flatMap((b) => [
    ...(b.type === 'actions' ? (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id })) : []),
    ...(b.accessory ? [b.accessory] : []),
  ]);
}

describe('Slack buttons, menus and forms over HTTP', () => {
  let h: SlackHarness;
  let dealId: DealId;
  beforeAll(async () => {
    h = await startSlackHarness({ store: 'redis' });
    const sam = h.who('USAM', CH);
    await h.ask(sam, 'new Acme inbound');
    dealId = (await h.store.loadRoom(room)).deal?.id as DealId;
  });
  afterAll(async () => {
    await h?.close();
  });

  const posts = (channel: string) =>
    h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const ephemerals = (user: string) =>
    h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
  const handoffs = async () => [...(await h.store.loadRoom(room)).handoffs.values()];

  /** Escalates to `to` and returns the channel card's call, ts and handoff id. */
  async function escalate(to: string, note: string) {
    const before = posts(CH).length;
    await h.slash(h.who('USAM', CH), `escalate <@${to}> ${note}`);
    await h.fake.waitFor(() => posts(CH).length > before && posts(`D${to}`).length > 0);
    const card = posts(CH)[before] as FakeSlackCall;
    const ts = h.fake.messages(CH)[before]?.ts as string;
    const accept = elements(card).find((e) => e.action_id === ACTION.handoffAccept);
    const handoffId = (JSON.parse(accept?.value ?? '{}') as { h: string }).h;
    return { card, ts, handoffId, accept: accept as Element };
  }

  it('Decline opens the reason form, which needs a reason, and then declines', async () => {
    const { card, ts, handoffId } = await escalate('UALEX', 'budget confirmed');
    const decline = elements(card).find((e) => e.action_id === ACTION.handoffDecline);
    const alex = h.who('UALEX', CH);
    await h.click(alex, { actionId: ACTION.handoffDecline, value: decline?.value, messageTs: ts });
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'views.open'));
    const view = h.fake.callsTo('views.open')[0]?.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string; element?: { action_id?: string } }[];
    };
    expect(view.callback_id).toBe(DECLINE_MODAL);
    const input = view.blocks.find((b) => b.element);
    const submit = (who: typeof alex, reason: string, id: string) =>
      h.interact(
        viewSubmission(who, {
          id,
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: {
            [input?.block_id as string]: {
              [input?.element?.action_id as string]: { type: 'plain_text_input', value: reason },
            },
          },
        }),
      );

    // A blank reason is shown on the form itself; nothing changes.
    const blank = await submit(alex, '   ', 'V1');
    expect(await blank.json()).toEqual({
      response_action: 'errors',
      errors: {
        [input?.block_id as string]: 'Please give a reason for declining, so the SDR knows what to do next.',
      },
    });
    expect((await handoffs()).find((x) => x.id === handoffId)?.state).toBe('pending');

    // Someone else's form (they clicked Decline too): refused, privately.
    await submit(h.who('UOLGA', CH), 'not mine either', 'V2');
    await h.fake.waitFor(() => ephemerals('UOLGA').length >= 1);
    expect(textOf(ephemerals('UOLGA')[0]?.args.blocks)).toMatch(/Only Alex .* can decline this handoff/);
    expect((await handoffs()).find((x) => x.id === handoffId)?.state).toBe('pending');

    // Alex's reason declines it; a repeated submission of the same form has no second effect.
    const updatesBefore = h.fake.callsTo('chat.update').length;
    const ok = await submit(alex, 'not in my territory', 'V1');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
    await submit(alex, 'not in my territory', 'V1');
    await h.fake.waitFor(() => h.fake.callsTo('chat.update').length >= updatesBefore + 2);
    const declined = (await handoffs()).find((x) => x.id === handoffId);
    expect(declined).toMatchObject({ state: 'declined', reason: 'not in my territory' });
    await h.fake.waitFor(() => posts('DUSAM').length >= 1);
    expect(textOf(posts('DUSAM').at(-1)?.args.blocks)).toContain('declined the handoff');
    const entries = (await h.store.timeline(dealId, { filter: 'handoffs', limit: 20 })).entries;
    expect(entries.filter((e) => e.kind === 'handoff-declined')).toHaveLength(1);
    // The repeated submission was dropped, not answered "no longer open" (sentinel: a help reply,
    // asked by mention so that it takes the Web API too).
    await h.mention(alex, `<@${BOT}> help`);
    await h.fake.waitFor(() =>
      ephemerals('UALEX').some((c) => textOf(c.args.blocks).includes('Dealroom commands')),
    );
    expect(ephemerals('UALEX').map((c) => textOf(c.args.blocks))).not.toContainEqual(
      expect.stringContaining('no longer open'),
    );
  });

  it('Reassign picks someone else: the old card says so, and a new card goes to them', async () => {
    const { card, ts, handoffId } = await escalate('UALEX', 'second try');
    const picker = elements(card).find((e) => e.action_id === ACTION.handoffReassign);
    expect(picker?.type).toBe('users_select');
    const dmBefore = posts('DUBOB').length;
    await h.click(h.who('UALEX', CH), {
      actionId: ACTION.handoffReassign,
      blockId: picker?.block_id,
      selectedUser: 'UBOB',
      messageTs: ts,
    });
    await h.fake.waitFor(() => posts('DUBOB').length > dmBefore);
    const all = await handoffs();
    expect(all.find((x) => x.id === handoffId)?.state).toBe('reassigned');
    const next = all.find((x) => x.state === 'pending');
    expect(next?.to).toMatchObject({ user: 'UBOB', name: 'Bob' });
    await h.fake.waitFor(() =>
      h.fake
        .callsTo('chat.update')
        .some((c) => c.args.ts === ts && textOf(c.args.blocks).includes('Reassigned')),
    );
  });

  it('a double click on Accept is one click: one acceptance, no second answer', async () => {
    const pending = (await handoffs()).find((x) => x.state === 'pending');
    const card = posts('DUBOB').at(-1);
    const accept = elements(card).find((e) => e.action_id === ACTION.handoffAccept);
    const ts = h.fake.messages('DUBOB').at(-1)?.ts;
    const bob = h.who('UBOB', 'DUBOB');
    const updatesBefore = h.fake.callsTo('chat.update').length;
    await Promise.all([
      h.click(bob, { actionId: ACTION.handoffAccept, value: accept?.value, messageTs: ts }),
      h.click(bob, { actionId: ACTION.handoffAccept, value: accept?.value, messageTs: ts }),
    ]);
    await h.fake.waitFor(() => h.fake.callsTo('chat.update').length >= updatesBefore + 2);
    // A later click on the channel's copy of the card: told privately that it is decided, nothing else.
    const channelCopy = posts(CH)
      .filter((c) => elements(c).some((e) => e.value === accept?.value))
      .at(-1);
    const channelTs = h.fake.messages(CH).find((m) => m.blocks === channelCopy?.args.blocks)?.ts;
    await h.click(h.who('UBOB', CH), {
      actionId: ACTION.handoffAccept,
      value: accept?.value,
      messageTs: channelTs,
    });
    await h.fake.waitFor(() => ephemerals('UBOB').some((c) => c.args.channel === CH));
    // A sentinel through Bob's DM: anything a second click had queued there is out by now.
    await h.mention(bob, `<@${BOT}> help`);
    await h.fake.waitFor(() =>
      ephemerals('UBOB').some((c) => textOf(c.args.blocks).includes('Dealroom commands')),
    );
    // In the DM the acceptance is Bob's own reply (once); the late click gets "no longer open".
    expect(ephemerals('UBOB').map((c) => [c.args.channel, textOf(c.args.blocks).slice(0, 40)])).toEqual([
      ['DUBOB', expect.stringContaining('accepted the handoff')],
      [CH, expect.stringContaining('no longer open')],
      ['DUBOB', expect.stringContaining('Dealroom commands')],
    ]);
    expect((await handoffs()).find((x) => x.id === pending?.id)?.state).toBe('accepted');
    expect(h.fake.callsTo('chat.update').length).toBe(updatesBefore + 2);
    const accepted = (await h.store.timeline(dealId, { filter: 'handoffs', limit: 50 })).entries;
    expect(accepted.filter((e) => e.kind === 'handoff-accepted')).toHaveLength(1);
  });

  it('timeline Older / Newer and the filter menu page through the deal', async () => {
    const sam = h.who('USAM', CH);
    for (const i of [1, 2, 3, 4, 5, 6]) await h.slash(sam, `stakeholder add "Person ${i}" user`);
    // More than one page (10 entries) of history.
    await expect
      .poll(async () => (await h.store.timeline(dealId, { filter: 'all', limit: 20 })).entries.length)
      .toBeGreaterThan(10);
    const before = ephemerals('USAM').length;
    // The first page is the ack's answer; pages after a click come through the Web API.
    const first = await h.ask(sam, 'timeline');
    expect(first?.response_type).toBe('ephemeral');
    const older = elements(first).find((e) => e.action_id === ACTION.timelineOlder);
    expect(older).toBeDefined();
    expect(elements(first).some((e) => e.action_id === ACTION.timelineNewer)).toBe(false);
    await h.click(sam, { actionId: ACTION.timelineOlder, value: older?.value, ephemeral: true });
    await h.fake.waitFor(() => ephemerals('USAM').length > before);
    const second = ephemerals('USAM').at(-1);
    expect(textOf(second?.args.blocks)).toContain('created the deal');
    expect(elements(second).some((e) => e.action_id === ACTION.timelineNewer)).toBe(true);

    const menu = elements(second).find((e) => e.action_id === ACTION.timelineFilter);
    const handoffsOption = menu?.options?.find((o) => o.text.text === 'Handoffs');
    await h.click(sam, {
      actionId: ACTION.timelineFilter,
      selectedOption: handoffsOption?.value,
      ephemeral: true,
    });
    await h.fake.waitFor(() => ephemerals('USAM').length > before + 1);
    const filtered = textOf(ephemerals('USAM').at(-1)?.args.blocks);
    expect(filtered).toContain('Handoffs');
    expect(filtered).not.toContain('created the deal');
  });

  it('inbox Done closes a tag', async () => {
    const sam = h.who('USAM', CH);
    expect((await h.ask(sam, 'tag <@UANA|ana> please size the market'))?.response_type).toBe('in_channel');
    await h.fake.waitFor(() => posts('DUANA').length >= 1);
    const ana = h.who('UANA', CH);
    const inbox = await h.ask(ana, 'inbox');
    expect(inbox?.response_type).toBe('ephemeral');
    const done = elements(inbox).find((e) => e.action_id === ACTION.inboxDone);
    expect(done).toBeDefined();
    await h.click(ana, { actionId: ACTION.inboxDone, value: done?.value, ephemeral: true });
    await h.fake.waitFor(() => ephemerals('UANA').length >= 1);
    expect(textOf(ephemerals('UANA')[0]?.args.blocks)).toContain('Your inbox is empty');
    expect(await h.store.inbox(person('UANA'), 10)).toEqual([]);
  });

  it('a forged or stale payload gets a sentence and changes nothing', async () => {
    const olga = h.who('UOLGA', CH);
    const before = ephemerals('UOLGA').length;
    await h.click(olga, { actionId: ACTION.handoffAccept, value: '{"d":"not-a-deal","h":"x"}' });
    await h.click(olga, { actionId: ACTION.inboxDone, value: 'not json' });
    await h.fake.waitFor(() => ephemerals('UOLGA').length >= before + 2);
    for (const c of ephemerals('UOLGA').slice(before))
      expect(textOf(c.args.blocks)).toContain('not valid any more');
  });

  it('sent only valid Block Kit and modals', () => {
    const sent = checkSentPayloads(h.fake.calls, h.acks);
    expect(sent.failures).toEqual([]);
    expect(h.fake.callsTo('views.open').length).toBeGreaterThan(0);
  });
});
