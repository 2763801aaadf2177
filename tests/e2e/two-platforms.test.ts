// Issue #9 "One deal, two platforms", end to end: one real service serves Slack (signed requests to
// /slack/events, Web API at the fake) and Teams (activities to /api/messages, the fake connector).
// A Slack channel and a Teams channel share one deal; every room event shows exactly once in each.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/core/actions.js';
import { LINK_CODE_UNKNOWN, LINK_CODE_USED } from '../../src/core/handlers/rooms.js';
import type { FakeSlackCall } from '../../src/playground/fake-slack-api.js';
import { textOf } from '../support/slack-harness.js';
import { appMention } from '../support/slack-payloads.js';
import { checkSentPayloads } from '../support/slack-schemas.js';
import { button, cardOf, cardText, mentionIds, type Sent } from '../support/teams-find.js';
import { dmWith, expectEveryCardValid, say, settle } from '../support/teams-flows.js';
import {
  AT_BOT,
  channel,
  command,
  type Json,
  type Room,
  TENANT,
  type TeamsUser,
  teamsUser,
  text,
} from '../support/teams-harness.js';
import { SLACK_BOT, startTwoPlatforms, TEAM, type TwoPlatforms } from '../support/two-platform-harness.js';

const CODE = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/;
const NOT_A_ROOM = 'This channel is not a deal room yet.';
const NOT_AVAILABLE = 'That deal is not available here.';

let p: TwoPlatforms;
/** The store the next service gets; the story runs on both, the clock-driven tests on memory. */
let storeKind: 'memory' | 'redis' = 'memory';
beforeEach(async () => {
  p = await startTwoPlatforms({ store: storeKind });
});
afterEach(async () => {
  // Everything either platform was sent is valid: Block Kit within Slack's limits, Adaptive Card 1.5.
  const sent = checkSentPayloads(p.slack.fake.calls);
  expect(sent.failures).toEqual([]);
  expectEveryCardValid(p.teams);
  await p.close();
});

// ---- reading what each platform shows ------------------------------------------------------------

/** What a Slack message says (its blocks as text; the fallback text when it has none). */
const slackText = (c: FakeSlackCall): string => textOf(c.args.blocks) || String(c.args.text ?? '');
/** Messages the bot posted into a Slack channel, as text, in order. */
const slackRoom = (ch: string): string[] => p.slack.posts(ch).map(slackText);
/** What a Teams message says (its card's text blocks; the plain text when it has no card). */
function teamsText(s: Sent): string {
  const cards = s.activity.attachments ?? [];
  return cards.length ? cardText(cardOf(s.activity)) : String(s.activity.text ?? '');
}
/** Messages the bot sent into a Teams channel (new posts and replies in its threads), in order. */
const teamsSent = (room: Room): Sent[] =>
  p.teams.connector.sent.filter((s) => s.conversationId.split(';')[0] === room.id);
const teamsRoom = (room: Room): string[] => teamsSent(room).map(teamsText);
const teamsDm = (user: TeamsUser): string[] => {
  const dm = dmWith(p.teams, user);
  return dm ? p.teams.connector.sent.filter((s) => s.conversationId === dm).map(teamsText) : [];
};

/** The private reply to a slash command: a chat.postEphemeral at the fake, or the ack body itself. */
async function privateReply(res: Response, user: string, before: number): Promise<string> {
  expect(res.status).toBe(200);
  const body = await res.text();
  const inAck = body ? textOf(JSON.parse(body)) : '';
  if (CODE.test(inAck) || inAck.includes('⚠️')) return inAck;
  let said = '';
  await settle(() => {
    const mine = p.slack.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
    expect(mine.length).toBeGreaterThan(before);
    said = slackText(mine.at(-1)!);
  });
  return said;
}
const ephemeralsTo = (user: string) =>
  p.slack.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);

/** A sentence only the Slack user sees, after an app mention or a click (always chat.postEphemeral). */
async function nextEphemeral(user: string, before: number): Promise<string> {
  let said = '';
  await settle(() => {
    const mine = ephemeralsTo(user);
    expect(mine.length).toBe(before + 1);
    said = slackText(mine.at(-1)!);
  });
  return said;
}

/** Waits until each channel shows `n` more bot messages than before, then returns the new ones. */
async function grows(
  step: string,
  ch: string,
  room: Room,
  before: { slack: number; teams: number },
  n = { slack: 1, teams: 1 },
) {
  await settle(() => {
    expect(slackRoom(ch).slice(before.slack), `${step}: new messages in the Slack channel`).toHaveLength(
      n.slack,
    );
    expect(teamsRoom(room).slice(before.teams), `${step}: new messages in the Teams channel`).toHaveLength(
      n.teams,
    );
  });
  return { slack: slackRoom(ch).slice(before.slack), teams: teamsRoom(room).slice(before.teams) };
}
const counts = (ch: string, room: Room) => ({ slack: slackRoom(ch).length, teams: teamsRoom(room).length });

// ---- setting up a shared deal --------------------------------------------------------------------

interface Shared {
  readonly ch: string;
  readonly room: Room;
  readonly bob: TeamsUser;
  readonly dealId: string;
  /** The one-time code the Teams room used. */
  readonly code: string;
}

/** Sam creates the deal in a Slack channel by app mention, shares it, Bob links a Teams channel. */
async function sharedDeal(ch: string, name: string): Promise<Shared> {
  const sam = p.slack.who('USAM', ch);
  expect((await p.slack.mention(sam, `new ${name}`)).status).toBe(200);
  await settle(() => expect(slackRoom(ch)).toEqual([expect.stringContaining(`created deal`)]));
  const dealId = /D-[0-9A-Z]{6}/.exec(slackRoom(ch)[0]!)?.[0];
  expect(dealId).toBeDefined();
  const shared = await privateReply(await p.slack.slash(sam, 'share'), 'USAM', ephemeralsTo('USAM').length);
  expect(shared).toContain(`One-time link code for deal ${dealId} "${name}"`);
  const code = CODE.exec(shared)?.[1] ?? '';
  // Only Sam saw the code: nothing about it in the channel.
  expect(slackRoom(ch)).toHaveLength(1);

  const room = channel();
  const bob = teamsUser('Bob Stone');
  const linked = await say(p.teams, room, bob, command(`link ${code}`));
  expect(linked.replies.map((r) => teamsText(r))).toEqual([
    expect.stringContaining(`Bob Stone linked this channel to deal ${dealId} "${name}"`),
  ]);
  await settle(() =>
    expect(slackRoom(ch)).toEqual([
      expect.stringContaining('created deal'),
      "ℹ️ Bob Stone linked a Teams channel to this deal; it shares this deal's timeline.",
    ]),
  );
  return { ch, room, bob, dealId: dealId!, code };
}

describe.each(['memory', 'redis'] as const)('one deal, two platforms, one service (%s store)', (kind) => {
  beforeAll(() => {
    storeKind = kind;
  });
  afterAll(() => {
    storeKind = 'memory';
  });

  it('runs the team-selling story across a Slack and a Teams room: each event shows once on each side', {
    timeout: 120_000,
  }, async () => {
    const { ch, room, bob, dealId } = await sharedDeal('CACME', 'Acme expansion');
    const sam = p.slack.who('USAM', ch);
    const tia = teamsUser('Tia Park');
    p.teams.connector.addMember(bob);
    p.teams.connector.addMember(tia);

    // Stage moves from each side: the acting room gets the reply, the other the notification.
    let before = counts(ch, room);
    await p.slack.mention(sam, 'stage next');
    let added = await grows('stage next from Slack', ch, room, before);
    expect(added.slack).toEqual([
      expect.stringContaining('Sam moved the deal from Prospect to Make contact'),
    ]);
    expect(added.teams).toEqual([
      expect.stringContaining('Sam moved the deal from Prospect to Make contact'),
    ]);

    before = counts(ch, room);
    await say(p.teams, room, bob, command('stage qualify'));
    added = await grows('stage qualify from Teams', ch, room, before);
    expect(added.teams).toEqual([
      expect.stringContaining('Bob Stone moved the deal from Make contact to Qualify'),
    ]);
    expect(added.slack).toEqual([
      expect.stringContaining('Bob Stone moved the deal from Make contact to Qualify'),
    ]);

    // Research from Teams before the deal is past Qualify: a sentence for Bob, nothing reaches Slack.
    before = counts(ch, room);
    const early = await say(p.teams, room, bob, command('research industry Retail is consolidating'));
    expect(early.replies.map(teamsText)).toEqual([expect.stringContaining('Research opens after Qualify')]);
    expect(slackRoom(ch)).toHaveLength(before.slack);

    // Slack moves it on (a Slack retry of the same event arriving at once changes nothing more).
    before = counts(ch, room);
    const moveOn = appMention(sam, SLACK_BOT, `<@${SLACK_BOT}> stage next`);
    const [first, retry] = await Promise.all([p.slack.event(moveOn), p.slack.event(moveOn, 1)]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    added = await grows('stage next from Slack (and its retry)', ch, room, before);
    expect(added.slack).toEqual([expect.stringContaining('from Qualify to Research')]);
    expect(added.teams).toEqual([expect.stringContaining('from Qualify to Research')]);

    before = counts(ch, room);
    await say(p.teams, room, bob, command('research industry Retail is consolidating'));
    added = await grows('research from Teams', ch, room, before);
    expect(added.teams).toEqual([expect.stringContaining('Retail is consolidating')]);
    expect(added.slack).toEqual([expect.stringContaining('Retail is consolidating')]);

    // A Slack user tags the Teams user by name: both rooms show the tag once, Bob gets a Teams DM.
    before = counts(ch, room);
    await p.slack.mention(sam, 'tag @Bob can you check the SSO question?');
    added = await grows('tag @Bob from Slack', ch, room, before);
    expect(added.slack).toEqual([expect.stringMatching(/Sam tagged Bob Stone[\s\S]*SSO question/)]);
    expect(added.teams).toEqual([
      expect.stringMatching(/Sam tagged Bob Stone[\s\S]*SSO question[\s\S]*People: <at>Bob Stone<\/at>/),
    ]);
    const teamsTag = teamsSent(room).at(-1)!;
    expect(mentionIds(cardOf(teamsTag.activity))).toContain(bob.id);
    await settle(() => expect(teamsDm(bob)).toEqual([expect.stringContaining('SSO question')]));

    // Loop-ins on both sides: Bob is the AM (Teams), Tia (Teams) and Olga (Slack) are SEs.
    before = counts(ch, room);
    await say(p.teams, room, bob, text`${AT_BOT} loop-in ${bob} am owns the account`);
    await say(p.teams, room, bob, text`${AT_BOT} loop-in ${tia} se for the demo`);
    await p.slack.mention(sam, 'loop-in <@UOLGA> se for the demo');
    added = await grows('loop-ins on both sides', ch, room, before, { slack: 3, teams: 3 });
    expect(added.teams).toEqual([
      expect.stringContaining('Bob Stone'),
      expect.stringContaining('Tia Park'),
      expect.stringContaining('Olga'),
    ]);
    expect(added.slack).toEqual([
      expect.stringContaining('Bob Stone'),
      expect.stringContaining('Tia Park'),
      expect.stringContaining('Olga'),
    ]);

    // A role mention from Slack reaches the SEs on both platforms: Tia by Teams DM, Olga by Slack DM.
    before = counts(ch, room);
    await p.slack.mention(sam, 'tag @se demo on Friday, bring the SSO slides');
    added = await grows('tag @se from Slack', ch, room, before);
    expect(added.slack).toEqual([expect.stringContaining('demo on Friday')]);
    expect(added.teams).toEqual([expect.stringContaining('demo on Friday')]);
    await settle(() =>
      expect(teamsDm(tia)).toEqual([
        expect.stringContaining('Bob Stone looped you into deal'),
        expect.stringContaining('Sam tagged you in deal'),
      ]),
    );
    await settle(() =>
      expect(p.slack.posts('DUOLGA').map(slackText)).toEqual([
        expect.stringContaining('Sam looped you into deal'),
        expect.stringContaining('Sam tagged you in deal'),
      ]),
    );

    // Sam escalates to the Teams AM by name: the card in both rooms and in Bob's Teams DM.
    before = counts(ch, room);
    await p.slack.mention(sam, 'escalate @bob budget confirmed, wants a demo');
    added = await grows('escalate @bob from Slack', ch, room, before);
    expect(added.slack).toEqual([expect.stringContaining('budget confirmed')]);
    expect(added.teams).toEqual([expect.stringContaining('budget confirmed')]);
    await settle(() =>
      expect(teamsDm(bob)).toEqual([
        expect.stringContaining('Sam tagged you in deal'),
        expect.stringContaining('budget confirmed'),
      ]),
    );
    const teamsCard = teamsSent(room).at(-1)!;
    const accept = button(cardOf(teamsCard.activity), ACTION.handoffAccept);
    const { h: handoffId } = accept.data as { d: string; h: string };
    const slackCard = p.slack.fake.messages(ch).at(-1)!;
    // Each platform shows the other's person by name, its own as a real mention.
    expect(textOf(slackCard.blocks)).toContain('<@USAM> handed this qualified lead to *Bob Stone*.');
    expect(cardText(cardOf(teamsCard.activity))).toContain('Sam → <at>Bob Stone</at>');
    expect(mentionIds(cardOf(teamsCard.activity))).toEqual([bob.id]);
    const bobDm = dmWith(p.teams, bob)!;
    const dmCard = p.teams.connector.sent.filter((s) => s.conversationId === bobDm).at(-1)!;
    // Every copy is known before anyone answers (Slack channel, Teams channel, Teams DM).
    await settle(async () =>
      expect(await p.teams.store.cardRefs(dealId as never, `handoff:${handoffId}`)).toHaveLength(3),
    );

    // Bob accepts on the Teams room card; Teams delivers the same invoke twice at once.
    before = counts(ch, room);
    const click = p.teams.invoke(
      teamsCard.conversationId,
      bob,
      { verb: accept.verb, data: accept.data },
      {
        replyToId: teamsCard.id,
      },
    );
    const answers = await Promise.all([p.teams.post(click), p.teams.post(click)]);
    for (const a of answers) expect(a.body).toMatchObject({ statusCode: 200 });
    added = await grows('accept on Teams (invoke delivered twice)', ch, room, before);
    expect(added.teams).toEqual([
      expect.stringContaining('Bob Stone accepted the handoff of "Acme expansion" from Sam'),
    ]);
    expect(added.slack).toEqual([
      expect.stringContaining('Bob Stone accepted the handoff of "Acme expansion" from Sam'),
    ]);
    // Every copy of the card shows it, once: Slack chat.update, Teams updates of the room and DM copy.
    await settle(() => {
      expect(p.slack.fake.callsTo('chat.update').map((c) => `${c.args.channel}:${c.args.ts}`)).toEqual([
        `${ch}:${slackCard.ts}`,
      ]);
      expect(p.teams.connector.updates.map((u) => u.activityId).sort()).toEqual(
        [teamsCard.id, dmCard.id].sort(),
      );
    });
    expect(slackCard.updates).toBe(1);
    expect(textOf(slackCard.blocks)).toContain('Accepted by Bob Stone');
    for (const u of p.teams.connector.updates)
      expect(cardText(cardOf(u.activity))).toContain('Accepted by Bob Stone');
    // Sam, who escalated, hears it in his Slack DM.
    await settle(() =>
      expect(p.slack.posts('DUSAM').map(slackText)).toEqual([expect.stringContaining('accepted')]),
    );
    const snap = await p.teams.store.loadRoom({
      platform: 'slack',
      workspace: 'T0DEAL' as never,
      channel: ch as never,
    });
    expect(snap.deal?.owner).toMatchObject({ platform: 'teams', user: bob.id });

    // Teams closes the deal.
    before = counts(ch, room);
    await say(p.teams, room, bob, command('stage close won signed for 3 years'));
    added = await grows('close won from Teams', ch, room, before);
    expect(added.teams).toEqual([expect.stringContaining('Won')]);
    expect(added.slack).toEqual([expect.stringContaining('Won')]);

    // The whole story, once per room: the acting room's reply or the other room's notification.
    const story = [
      /linked/,
      /Prospect to Make contact/,
      /Make contact to Qualify/,
      /Qualify to Research/,
      /Retail is consolidating/,
      /SSO question/,
      /Bob Stone/,
      /Tia Park/,
      /Olga/,
      /demo on Friday/,
      /budget confirmed/,
      /accepted the handoff/,
      /Won/,
    ].map((re) => expect.stringMatching(re));
    expect(slackRoom(ch)).toEqual([expect.stringContaining('created deal'), ...story]);
    expect(teamsRoom(room)).toEqual([
      ...story.slice(0, 3),
      expect.stringContaining('Research opens after Qualify'),
      ...story.slice(3),
    ]);
    // One timeline, each entry with the platform it came from.
    const history = await p.teams.store.timeline(dealId as never, { filter: 'all', limit: 50 });
    expect(new Set(history.entries.map((e) => e.via))).toEqual(new Set(['slack', 'teams']));
  });
});

describe('link codes through the real adapters', () => {
  it('refuses used, unknown and expired codes with their sentences, on Teams and on Slack, and links nothing', {
    timeout: 60_000,
  }, async () => {
    const { ch, room, code } = await sharedDeal('CACME', 'Acme expansion');
    const before = counts(ch, room);
    const tia = teamsUser('Tia Park');
    const elsewhere = channel();

    // Used: another Teams channel, and another Slack channel, try the same code.
    const used = await say(p.teams, elsewhere, tia, command(`link ${code}`));
    expect(used.replies.map(teamsText)).toEqual([expect.stringContaining(LINK_CODE_USED)]);
    const olga = p.slack.who('UOLGA', 'COTHER');
    const seen = ephemeralsTo('UOLGA').length;
    await p.slack.mention(olga, `link ${code.toLowerCase()}`);
    expect(await nextEphemeral('UOLGA', seen)).toBe(`⚠️ ${LINK_CODE_USED}`);

    // Unknown: a well-formed code nobody issued.
    const unknown = await say(p.teams, elsewhere, tia, command('link AAAA-BBBB-CCCC-DDDD'));
    expect(unknown.replies.map(teamsText)).toEqual([expect.stringContaining(LINK_CODE_UNKNOWN)]);

    // Expired: a fresh code, 15 minutes and a moment later.
    const sam = p.slack.who('USAM', ch);
    const fresh = await privateReply(await p.slack.slash(sam, 'share'), 'USAM', ephemeralsTo('USAM').length);
    const late = CODE.exec(fresh)?.[1] ?? '';
    expect(late).not.toBe(code);
    p.teams.clock.now += 15 * 60_000 + 1_000;
    const expired = await say(p.teams, elsewhere, tia, command(`link ${late}`));
    expect(expired.replies.map(teamsText)).toEqual([expect.stringContaining(LINK_CODE_UNKNOWN)]);

    // Nothing was linked, and neither deal room heard about any of it.
    expect((await p.teams.store.loadRoom(roomRefOf(elsewhere))).deal).toBeNull();
    expect(
      (
        await p.teams.store.loadRoom({
          platform: 'slack',
          workspace: TEAM as never,
          channel: 'COTHER' as never,
        })
      ).deal,
    ).toBeNull();
    expect(p.slack.posts('COTHER')).toEqual([]);
    expect(counts(ch, room)).toEqual(before);
  });
});

describe('unlink', () => {
  it('takes the Teams room out: Teams commands there find no deal, Slack changes no longer reach it', {
    timeout: 60_000,
  }, async () => {
    const { ch, room, bob, dealId } = await sharedDeal('CACME', 'Acme expansion');
    let before = counts(ch, room);
    await say(p.teams, room, bob, command('unlink'));
    const added = await grows('unlink from Teams', ch, room, before);
    expect(added.teams).toEqual([
      expect.stringContaining(
        `Bob Stone unlinked this channel from deal ${dealId} "Acme expansion". The deal and its timeline carry on in its other rooms.`,
      ),
    ]);
    expect(added.slack).toEqual(['ℹ️ Bob Stone unlinked a Teams channel from this deal.']);

    // Slack moves the deal on: the Slack room hears it, the Teams room does not.
    before = counts(ch, room);
    await p.slack.mention(p.slack.who('USAM', ch), 'stage next');
    await settle(() =>
      expect(slackRoom(ch).slice(before.slack)).toEqual([
        expect.stringContaining('Prospect to Make contact'),
      ]),
    );
    // Teams commands in the old room: not a deal room (each answered in its own thread).
    for (const words of ['status', 'stage next']) {
      const reply = await say(p.teams, room, bob, command(words));
      expect(reply.replies.map(teamsText)).toEqual([expect.stringContaining(NOT_A_ROOM)]);
    }
    expect(teamsRoom(room).slice(before.teams)).toEqual([
      expect.stringContaining(NOT_A_ROOM),
      expect.stringContaining(NOT_A_ROOM),
    ]);
    const { deal } = await p.teams.store.loadRoom({
      platform: 'slack',
      workspace: TEAM as never,
      channel: ch as never,
    });
    expect(deal?.stage).toBe('make-contact');
    expect(deal?.rooms.map((r) => r.platform)).toEqual(['slack']);
  });
});

describe('isolation between the linked tenant and the rest of the workspace', () => {
  it('lets the Teams tenant reach only the shared deal, and Slack reach no Teams-only deal', {
    timeout: 60_000,
  }, async () => {
    // Another deal of the Slack workspace, with a pending handoff.
    const secretCh = 'CSECRET';
    const sam = p.slack.who('USAM', secretCh);
    // Mentions are answered after the ack: each waits for the answer before the next.
    for (const [i, words] of [
      'new Secret deal',
      'stage qualify',
      'escalate <@UALEX> budget confirmed',
    ].entries()) {
      await p.slack.mention(sam, words);
      await settle(() => expect(slackRoom(secretCh)).toHaveLength(i + 1));
    }
    const secretValue = slackButton(p.slack.posts(secretCh)[2]!, ACTION.handoffAccept);
    const secret = JSON.parse(secretValue) as { d: string; h: string };
    const secretState = await p.teams.store.loadRoom(slackRef(secretCh));

    const { ch, room, bob } = await sharedDeal('CACME', 'Acme expansion');
    const before = counts(ch, room);

    // Teams → the other deal by its code: the same sentence as a deal that does not exist.
    const stranger = channel();
    const bySecret = await say(p.teams, stranger, bob, command(`link ${secret.d}`));
    const byNothing = await say(p.teams, stranger, bob, command('link D-ZZZZZZ'));
    expect(bySecret.replies.map(teamsText)).toEqual([
      expect.stringContaining(`There is no deal ${secret.d} in this workspace.`),
    ]);
    expect(teamsText(bySecret.replies[0]!).replace(secret.d, 'D-?')).toBe(
      teamsText(byNothing.replies[0]!).replace('D-ZZZZZZ', 'D-?'),
    );
    // An invoke naming the other deal's handoff, from the linked room: refused like an unknown deal.
    const accept = (d: string) =>
      p.teams.post(
        p.teams.invoke(`${room.id};messageid=1764500000001`, bob, {
          verb: ACTION.handoffAccept,
          data: { dealroom: ACTION.handoffAccept, d, h: secret.h },
        }),
      );
    const [secretAnswer, nothingAnswer] = [await accept(secret.d), await accept('D-ZZZZZZ')];
    expect(cardText(secretAnswer.body?.value as Json)).toContain(NOT_AVAILABLE);
    expect(cardText(secretAnswer.body?.value as Json)).toBe(cardText(nothingAnswer.body?.value as Json));
    expect(await p.teams.store.loadRoom(slackRef(secretCh))).toEqual(secretState);
    expect(slackRoom(secretCh)).toHaveLength(3);

    // A Teams-only deal with a pending handoff: a Slack click naming it is refused the same way.
    const tia = teamsUser('Tia Park');
    const teamsOnly = channel();
    await say(p.teams, teamsOnly, tia, command('new Teams only deal'));
    await say(p.teams, teamsOnly, tia, command('stage qualify'));
    const escalated = await say(
      p.teams,
      teamsOnly,
      tia,
      text`${AT_BOT} escalate ${bob} for the partner team`,
    );
    const theirs = button(cardOf(escalated.replies[0]!.activity), ACTION.handoffAccept).data as {
      d: string;
      h: string;
    };
    const teamsOnlyState = await p.teams.store.loadRoom(roomRefOf(teamsOnly));
    const click = async (d: string) => {
      const seen = ephemeralsTo('USAM').length;
      const res = await p.slack.click(p.slack.who('USAM', ch), {
        actionId: ACTION.handoffAccept,
        value: JSON.stringify({ d, h: theirs.h }),
        messageTs: p.slack.fake.messages(ch)[0]!.ts,
      });
      expect(res.status).toBe(200);
      return nextEphemeral('USAM', seen);
    };
    const refusedTeamsOnly = await click(theirs.d);
    expect(refusedTeamsOnly).toBe(`⚠️ ${NOT_AVAILABLE}`);
    expect(await click('D-ZZZZZZ')).toBe(refusedTeamsOnly);
    expect(await p.teams.store.loadRoom(roomRefOf(teamsOnly))).toEqual(teamsOnlyState);

    // The shared deal's rooms heard none of it, and no card anywhere changed.
    expect(counts(ch, room)).toEqual(before);
    expect(p.slack.fake.callsTo('chat.update')).toEqual([]);
    expect(p.teams.connector.updates).toEqual([]);
  });
});

const slackRef = (ch: string) => ({
  platform: 'slack' as const,
  workspace: TEAM as never,
  channel: ch as never,
});
const roomRefOf = (room: Room) => ({
  platform: 'teams' as const,
  workspace: TENANT as never,
  channel: room.id as never,
});
/** The value of a Slack button (by action id) in a posted message. */
function slackButton(call: FakeSlackCall, actionId: string): string {
  const blocks = call.args.blocks as { elements?: { action_id?: string; value?: string }[] }[];
  const value = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value;
  if (!value) throw new Error(`no ${actionId} button in ${JSON.stringify(blocks)}`);
  return value;
}
