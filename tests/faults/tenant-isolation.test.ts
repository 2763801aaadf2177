// Tenant isolation through the front doors. Workspace / tenant B sends every button (each ACTION id,
// the decline form, the Teams card refresh) and every text command with payloads naming workspace A's
// deal, handoff, timeline cursor and inbox item. B must get exactly the answer it gets for ids that
// exist nowhere (so nothing about A leaks, not even that the ids are real), A's deal must not change
// (version, timeline, handoffs, inbox), and nothing may reach A's rooms or people. On Slack, B's
// answer to a slash command is the reply in its ack (src/slack/slash-answer.ts); to a click or a form,
// what reaches B through the fake Web API.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, ACTION_IDS, CARD_REFRESH } from '../../src/core/actions.js';
import { COMMAND_NAMES } from '../../src/core/commands.js';
import type { ChannelId, DealId, PersonRef, RoomRef, UserId, WorkspaceId } from '../../src/core/ids.js';
import type { Store } from '../../src/core/store-port.js';
import { REASON_BLOCK, REASON_INPUT } from '../../src/slack/render/render.js';
import { wholeTimeline } from '../support/fleet.js';
import {
  type SlackHarness,
  type SlashAck,
  startSlackHarness,
  TEAM,
  textOf,
} from '../support/slack-harness.js';
import { viewSubmission, type Who } from '../support/slack-payloads.js';
import { cardOf, cardText } from '../support/teams-find.js';
import { pendingHandoff, roomRef, say, settle } from '../support/teams-flows.js';
import {
  AT_BOT,
  channel,
  command,
  type Json,
  startTeams,
  TENANT,
  type TeamsHarness,
  teamsUser,
  text,
} from '../support/teams-harness.js';

/** A's real ids, and ids of the same shape that exist nowhere. */
interface Ids {
  readonly deal: string;
  readonly handoff: string;
  readonly item: string;
  readonly cursor: string;
}
const NOWHERE: Ids = {
  deal: 'D-ZZZZZZ',
  handoff: 'zzzzzzzzzzzz',
  item: 'tag:D-ZZZZZZ:zzzzzzzzzzzz',
  cursor: '1000000000000-0',
};

/** The shortest prefix of an id an echo is cut to (text.ts echo keeps far more). */
const MIN_ECHO = 4;

/**
 * The answer with A's ids spelled as the nowhere ids (also where an echo was cut short with "…"):
 * equal answers then compare equal.
 */
function normalise(answer: string, a: Ids): string {
  let out = answer;
  for (const key of ['item', 'deal', 'handoff', 'cursor'] as const) {
    out = out.replaceAll(a[key], NOWHERE[key]);
    // Only prefixes an echo could have been cut to: a one-letter "e…" would also match text such as
    // the usage line's "@someone…" (a flaky failure whenever a random id began with that letter).
    for (let n = a[key].length - 1; n >= MIN_ECHO; n--) {
      out = out.replaceAll(`${a[key].slice(0, n)}…`, `${NOWHERE[key].slice(0, n)}…`);
    }
  }
  return out;
}

/**
 * Waits until the clock is past a stream id's millisecond. B's own entries come after A's in time;
 * made within the same millisecond, one could sort before A's cursor in B's stream and the page "newer
 * than A's cursor" would differ from "newer than a cursor in 2001" for a reason that is no leak.
 */
async function pastCursorTime(cursor: string): Promise<void> {
  const ms = Number(cursor.split('-')[0]);
  while (Date.now() <= ms) await new Promise((r) => setTimeout(r, 1));
}

/** Every text command, each with arguments naming A's deal, handoff and inbox item. */
const textCommands = (ids: Ids): string[] => [
  ...COMMAND_NAMES.map((name) => `${name} ${ids.deal} ${ids.handoff} ${ids.item}`),
  `link ${ids.deal}`,
  `done ${ids.item}`,
  `status ${ids.deal}`,
  `timeline all ${ids.cursor}`,
  `accept ${ids.handoff}`,
  `decline ${ids.deal} not ours`,
  `help ${ids.deal}`,
];

/** The figures of a run (each request is sent twice: with A's ids and with ids that exist nowhere). */
function writeFigures(file: string, figures: Record<string, number>): void {
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync(`test-artifacts/${file}`, `${JSON.stringify(figures, null, 2)}\n`);
}

async function snapshotOf(store: Store, room: RoomRef, people: PersonRef[]) {
  const snap = await store.loadRoom(room);
  const deal = snap.deal!;
  return {
    version: deal.version,
    timeline: (await wholeTimeline(store, deal.id)).map((e) => e.id),
    handoffs: [...snap.handoffs.values()].map((h) => `${h.id}:${h.state}`),
    inboxes: await Promise.all(people.map(async (p) => (await store.inbox(p, 500)).map((i) => i.id))),
  };
}

describe('tenant isolation on Slack', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ store: 'redis' });
    h.fake.addUser({ id: 'UEVE', name: 'eve', displayName: 'Eve' });
    h.fake.addUser({ id: 'UFRED', name: 'fred', displayName: 'Fred' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const OTHER = 'T0OTHER';
  const roomA: RoomRef = {
    platform: 'slack',
    workspace: TEAM as WorkspaceId,
    channel: 'CTENANTA' as ChannelId,
  };
  const personA = (user: string): PersonRef => ({
    platform: 'slack',
    workspace: TEAM as WorkspaceId,
    user: user as UserId,
    name: user,
  });
  const A_CHANNELS = new Set(['CTENANTA', 'DUSAM', 'DUALEX', 'DUANA']);
  const toA = () =>
    h.fake.calls.filter((c) => A_CHANNELS.has(String(c.args.channel)) || c.method === 'response_url').length;

  it('refuses B’s buttons, form and commands on A’s ids exactly as on unknown ids, and A is untouched', {
    timeout: 120_000,
  }, async () => {
    const sam = h.who('USAM', 'CTENANTA');
    const postsIn = (channel: string) =>
      h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
    const created = await h.ask(sam, 'new Alpha secret deal inbound');
    expect(created?.response_type).toBe('in_channel');
    // The handoff card is posted in the room and in Alex's DM (both are updated later), not acked.
    expect(await h.ask(sam, 'escalate <@UALEX> champion found')).toBeNull();
    const tagged = await h.ask(sam, 'tag <@UANA> pricing');
    expect(tagged?.response_type).toBe('in_channel');
    expect(textOf(tagged?.blocks)).toContain('pricing');
    const snapA = await h.store.loadRoom(roomA);
    const entries = await wholeTimeline(h.store, snapA.deal!.id);
    const a: Ids = {
      deal: snapA.deal!.id,
      handoff: [...snapA.handoffs.keys()][0]!,
      item: (await h.store.inbox(personA('UANA'), 10))[0]!.id,
      cursor: entries.at(-1)!.id!,
    };
    await pastCursorTime(a.cursor);
    // B has a deal room of its own, so B's commands there have something to act on. This bot is
    // installed in A's workspace only and refuses to start rooms elsewhere, so B's room is made
    // through the core, as if a second installation had made it.
    const eveB: Who = { team: OTHER, user: 'UEVE', channel: 'CTENANTB' };
    const roomB: RoomRef = {
      platform: 'slack',
      workspace: OTHER as WorkspaceId,
      channel: 'CTENANTB' as ChannelId,
    };
    const eve: PersonRef = {
      platform: 'slack',
      workspace: OTHER as WorkspaceId,
      user: 'UEVE' as UserId,
      name: 'Eve',
    };
    const beta = await h.service.core.execute(
      { actor: eve, room: roomB, via: 'slack' },
      { kind: 'new', name: 'Beta deal', model: 'inbound', createChannel: false },
    );
    expect(beta.readOnly).toBe(false);
    const people = ['USAM', 'UALEX', 'UANA'].map(personA);
    const before = await snapshotOf(h.store, roomA, people);
    // Everything A's setup sends through the Web API has gone out: the card in the room and in
    // Alex's DM, and Ana's notification.
    await h.fake.waitFor(
      () =>
        postsIn('CTENANTA').some((c) => textOf(c.args.blocks).includes('champion found')) &&
        postsIn('DUALEX').some((c) => textOf(c.args.blocks).includes('champion found')) &&
        postsIn('DUANA').some((c) => textOf(c.args.blocks).includes('pricing')),
    );
    const deliveredToA = toA();

    /**
     * Sends one request as B and returns what B was told, as text: a slash command's answer is the
     * reply in its ack (its visibility included); a click's or a form's is what B is sent privately.
     */
    const answer = async (name: string, where: Who, send: () => Promise<Response>) => {
      const mine = () => h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === where.user);
      const seen = mine().length;
      const res = await send();
      expect(res.status).toBeLessThan(500);
      if (name.startsWith('/deal ')) {
        expect(res.status).toBe(200);
        const raw = await res.text();
        // Every one of these is answered in its ack (none posts a handoff card): an empty ack would
        // be no answer at all.
        expect(raw, `${name}: an empty ack`).not.toBe('');
        const ack = JSON.parse(raw) as SlashAck;
        expect(textOf(ack.blocks).trim(), `${name}: an ack that says nothing`).not.toBe('');
        return `${ack.response_type}: ${textOf(ack.blocks)}`;
      }
      await h.fake.waitFor(() => mine().length > seen);
      return textOf(mine()[seen]!.args.blocks);
    };
    const payload = (ids: Ids) => JSON.stringify({ d: ids.deal, h: ids.handoff });
    const requests: [string, (ids: Ids) => [Who, () => Promise<Response>]][] = [
      [
        ACTION.handoffAccept,
        (ids) => [
          eveB,
          () =>
            h.click(eveB, {
              actionId: ACTION.handoffAccept,
              value: payload(ids),
              messageTs: `${Date.now() / 1000}`,
            }),
        ],
      ],
      [
        ACTION.handoffReassign,
        (ids) => [
          eveB,
          () =>
            h.click(eveB, {
              actionId: ACTION.handoffReassign,
              blockId: payload(ids),
              selectedUser: 'UFRED',
              messageTs: `${Date.now() / 1000}`,
            }),
        ],
      ],
      [
        `${ACTION.handoffDecline} (form)`,
        (ids) => [
          eveB,
          () =>
            h.interact(
              viewSubmission(eveB, {
                id: `V${Date.now()}${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
                callbackId: 'handoff.decline.reason',
                privateMetadata: JSON.stringify({ d: ids.deal, h: ids.handoff, ch: 'CTENANTB' }),
                values: {
                  [REASON_BLOCK]: { [REASON_INPUT]: { type: 'plain_text_input', value: 'not ours' } },
                },
              }),
            ),
        ],
      ],
      ...[ACTION.timelineOlder, ACTION.timelineNewer, ACTION.timelineFilter].map(
        (id) =>
          [
            id,
            (ids: Ids) =>
              [
                eveB,
                () =>
                  h.click(eveB, {
                    actionId: id,
                    value: JSON.stringify({ d: ids.deal, c: ids.cursor, f: 'all' }),
                    messageTs: `${Date.now() / 1000}`,
                  }),
              ] as [Who, () => Promise<Response>],
          ] as [string, (ids: Ids) => [Who, () => Promise<Response>]],
      ),
      [
        ACTION.inboxDone,
        (ids) => [
          eveB,
          () =>
            h.click(eveB, {
              actionId: ACTION.inboxDone,
              value: JSON.stringify({ i: ids.item }),
              messageTs: `${Date.now() / 1000}`,
            }),
        ],
      ],
      ...textCommands(a).flatMap((_, k) =>
        [eveB, { ...eveB, channel: 'DUEVE' }].map(
          (where) =>
            [
              `/deal ${textCommands(NOWHERE)[k]} in ${where.channel}`,
              (ids: Ids) => [where, () => h.slash(where, textCommands(ids)[k]!)],
            ] as [string, (ids: Ids) => [Who, () => Promise<Response>]],
        ),
      ),
    ];
    // Every button id is covered (decline through its form, which is where Slack declines).
    expect(ACTION_IDS.every((id) => requests.some(([name]) => name.startsWith(id)))).toBe(true);

    const differences: string[] = [];
    for (const [name, build] of requests) {
      const [whereA, sendA] = build(a);
      const withA = await answer(name, whereA, sendA);
      const [whereN, sendN] = build(NOWHERE);
      const withNowhere = await answer(name, whereN, sendN);
      if (normalise(withA, a) !== withNowhere)
        differences.push(`${name}:\n  A: ${withA}\n  ∅: ${withNowhere}`);
      if (withA.includes('Alpha secret deal')) differences.push(`${name} leaked A's deal name`);
    }
    const slashes = requests.filter(([name]) => name.startsWith('/deal ')).length;
    writeFigures('isolation-slack.json', {
      requests: requests.length * 2,
      slashCommandsAnsweredInAck: slashes * 2,
      clicksAndFormsAnsweredByWebApi: (requests.length - slashes) * 2,
      differences: differences.length,
      deliveredToA: toA() - deliveredToA,
    });
    expect(differences).toEqual([]);
    expect(await snapshotOf(h.store, roomA, people)).toEqual(before);
    expect(toA()).toBe(deliveredToA);
  });
});

describe('tenant isolation on Teams', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeams({ store: 'redis' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const TENANT_B = 'b0b0b0b0-0000-4000-8000-00000000000b';
  /** The same activity, from tenant B. */
  const inB = (activity: Json): Json => {
    const conversation = { ...(activity.conversation as Json), tenantId: TENANT_B };
    const channelData = { ...(activity.channelData as Json), tenant: { id: TENANT_B } };
    return { ...activity, conversation, channelData };
  };

  it('refuses B’s clicks and commands on A’s ids exactly as on unknown ids, and A is untouched', {
    timeout: 120_000,
  }, async () => {
    const roomA = channel();
    const p = await pendingHandoff(h, roomA);
    const ana = teamsUser('Ana');
    await say(h, roomA, p.sam, text`${AT_BOT} tag ${ana} pricing`);
    const anaRef: PersonRef = {
      platform: 'teams',
      workspace: TENANT as WorkspaceId,
      user: ana.id as UserId,
      name: 'Ana',
    };
    const samRef = { ...anaRef, user: p.sam.id as UserId, name: 'Sam' };
    const alexRef = { ...anaRef, user: p.alex.id as UserId, name: 'Alex' };
    await settle(async () => expect(await h.store.inbox(anaRef, 10)).toHaveLength(1));
    const entries = await wholeTimeline(h.store, p.dealId as DealId);
    const a: Ids = {
      deal: p.dealId,
      handoff: p.handoffId,
      item: (await h.store.inbox(anaRef, 10))[0]!.id,
      cursor: entries.at(-1)!.id!,
    };
    await pastCursorTime(a.cursor);
    const roomB = channel();
    const eve = teamsUser('Eve');
    const fred = teamsUser('Fred');
    h.connector.addMember({ id: fred.id, name: fred.name, aadObjectId: fred.aadObjectId });
    const createdB = await h.post(inB(h.roomMessage(roomB, eve, command('new Beta deal inbound'))));
    expect(createdB.status).toBe(200);
    const people = [samRef, alexRef, anaRef];
    await settle(() => expect(h.connector.events.length).toBeGreaterThan(0));
    const before = await snapshotOf(h.store, roomRef(roomA), people);
    const aConversations = new Set([roomA.id, p.alexDm]);
    const toA = () =>
      h.connector.events.filter(
        (e) =>
          (e.kind === 'send' || e.kind === 'update') && aConversations.has(e.conversationId.split(';')[0]!),
      ).length;
    const deliveredToA = toA();

    const clickAnswer = async (verb: string, data: Json) => {
      const res = await h.post(inB(h.invoke(roomB.id, eve, { verb, data })));
      expect(res.status).toBe(200);
      return cardText(res.body?.value as Json);
    };
    const commandAnswer = async (words: string, personal: boolean) => {
      const activity = personal
        ? h.personalMessage(`a:1eve-personal`, eve, command(words))
        : h.roomMessage(roomB, eve, command(words));
      const res = await h.post(inB(activity));
      expect(res.status).toBe(200);
      const replies = h.connector.sent.filter((s) => s.replyToId === activity.id);
      return replies.map((r) => cardText(cardOf(r.activity))).join('\n');
    };
    const requests: [string, (ids: Ids) => Promise<string>][] = [
      ...[...ACTION_IDS, CARD_REFRESH].map(
        (verb) =>
          [
            verb,
            (ids: Ids) =>
              clickAnswer(verb, {
                d: ids.deal,
                h: ids.handoff,
                c: ids.cursor,
                f: 'all',
                i: ids.item,
                reason: 'not ours',
                reassignTo: fred.id,
              }),
          ] as [string, (ids: Ids) => Promise<string>],
      ),
      ...textCommands(a).flatMap((_, k) =>
        [false, true].map(
          (personal) =>
            [
              `@Dealroom ${textCommands(NOWHERE)[k]}${personal ? ' (1:1)' : ''}`,
              (ids: Ids) => commandAnswer(textCommands(ids)[k]!, personal),
            ] as [string, (ids: Ids) => Promise<string>],
        ),
      ),
    ];
    const differences: string[] = [];
    for (const [name, ask] of requests) {
      const withA = await ask(a);
      const withNowhere = await ask(NOWHERE);
      if (withA.trim() === '') differences.push(`${name}: no answer`);
      if (normalise(withA, a) !== withNowhere)
        differences.push(`${name}:\n  A: ${withA}\n  ∅: ${withNowhere}`);
      if (withA.includes('Globex renewal')) differences.push(`${name} leaked A's deal name`);
    }
    writeFigures('isolation-teams.json', {
      requests: requests.length * 2,
      differences: differences.length,
      deliveredToA: toA() - deliveredToA,
    });
    expect(differences).toEqual([]);
    expect(await snapshotOf(h.store, roomRef(roomA), people)).toEqual(before);
    expect(toA()).toBe(deliveredToA);
  });
});
