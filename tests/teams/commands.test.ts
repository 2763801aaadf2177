// Every command of the grammar, typed as `@Dealroom …` in a Teams channel (and `link` from a group
// chat), answered with a card in the thread: the adapter passes each one through to the core.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/core/commands.js';
import { cardOf, cardText } from '../support/teams-find.js';
import { expectEveryCardValid, roomRef, say, settle } from '../support/teams-flows.js';
import {
  AT_BOT,
  channel,
  command,
  groupChat,
  type Json,
  startTeams,
  type TeamsHarness,
  teamsUser,
  text,
} from '../support/teams-harness.js';

let h: TeamsHarness;
beforeEach(async () => {
  h = await startTeams();
});
afterEach(async () => {
  expectEveryCardValid(h);
  await h.close();
});

describe('@Dealroom commands in Teams', () => {
  it('answers every command word with a card in the thread', async () => {
    const room = channel();
    const sam = teamsUser('Sam');
    const alex = teamsUser('Alex');
    const bob = teamsUser('Bob');
    const ana = teamsUser('Ana');
    const used = new Set<string>();
    const run = async (
      word: string,
      from: typeof sam,
      content: { text: string; entities: Json[] },
      expected: RegExp,
      where = room,
    ) => {
      used.add(word);
      const { replies } = await say(h, where, from, content);
      expect(replies, word).toHaveLength(1);
      const said = cardText(cardOf(replies[0]!.activity));
      expect(said, word).toMatch(expected);
      expect(said, word).not.toMatch(/Something went wrong/);
      return said;
    };

    const created = await run('new', sam, command('new Hooli expansion outbound'), /created deal (D-\w{6})/);
    const dealId = /created deal (D-\w{6})/.exec(created)?.[1] ?? '';
    const chat = groupChat();
    await run('link', sam, command(`link ${dealId}`), /linked this channel to deal/, chat);
    // The code is for Sam alone: the thread gets a pointer, the code goes to Sam's 1:1 chat.
    await run('share', sam, command('share'), /I sent the answer to our 1:1 chat/);
    await settle(() =>
      expect(
        h.connector.sent
          .filter((s) => s.conversationId.startsWith('a:'))
          .map((s) => cardText(cardOf(s.activity)))
          .some((t) => /One-time link code for deal D-\w{6} .*: (\w{4}-){3}\w{4}/.test(t)),
      ).toBe(true),
    );
    await run('unlink', sam, command('unlink'), /unlinked this channel from deal/, chat);
    await run('status', sam, command('status'), /Hooli expansion/);
    await run('stage', sam, command('stage qualify'), /from Prospect to Qualify/);
    await run('research', sam, command('research'), /No research logged yet/);
    await run('tag', sam, text`${AT_BOT} tag ${ana} can you size the market?`, /Sam tagged Ana/);
    await run('loop-in', sam, text`${AT_BOT} loop-in ${ana} analyst for sizing`, /Ana/);
    await run('stakeholder', sam, command('stakeholder add Jane Doe sponsor VP Sales'), /Jane Doe/);
    await run('timeline', sam, command('timeline tags'), /Timeline — Hooli expansion/);
    await run('config', sam, text`${AT_BOT} config am-pool ${alex} ${bob}`, /Alex/);
    await run('escalate', sam, text`${AT_BOT} escalate ${alex} budget confirmed`, /Handoff: Hooli expansion/);
    await run('reassign', alex, text`${AT_BOT} reassign ${bob}`, /reassigned the handoff .* to Bob/);
    await run('decline', bob, command('decline not my territory'), /declined the handoff/);
    await run('escalate', sam, text`${AT_BOT} escalate ${alex} second try`, /Handoff: Hooli expansion/);
    await run('accept', alex, command('accept'), /Alex accepted the handoff/);
    await run('listen', sam, command('listen off'), /turned listening off/);
    await run('help', sam, command('help stage'), /Help: stage/);
    await run('inbox', ana, command('inbox'), /I sent your inbox to our 1:1 chat/);
    const inboxes = () =>
      h.connector.sent
        .filter((s) => s.conversationId.startsWith('a:'))
        .map((s) => cardText(cardOf(s.activity)))
        .filter((t) => t.includes('Inbox'));
    await settle(() => expect(inboxes()).toHaveLength(1));
    expect(inboxes()[0]).toContain('can you size the market?');
    const itemId = /tag:D-\w{6}:\w+/.exec(JSON.stringify(h.connector.sent.map((s) => s.activity)))?.[0] ?? '';
    await run('done', ana, command(`done ${itemId}`), /I sent your inbox to our 1:1 chat/);
    await settle(() => expect(inboxes()).toHaveLength(2));
    expect(inboxes()[1]).toContain('Your inbox is empty');
    expect([...used].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('says plainly that it cannot create Teams channels, and writes nothing', async () => {
    const room = channel();
    const { replies } = await say(h, room, teamsUser('Sam'), command('new Initech --channel'));
    expect(cardText(cardOf(replies[0]!.activity))).toMatch(/In Teams, Dealroom cannot create channels/);
    expect((await h.store.loadRoom(roomRef(room))).deal).toBeNull();
  });

  it('in a 1:1 chat needs no mention, and a bare mention in a room shows the help', async () => {
    const sam = teamsUser('Sam');
    const res = await h.post(h.personalMessage('a:sam-personal', sam, { text: 'help', entities: [] }));
    expect(res.status).toBe(200);
    expect(cardText(cardOf(h.connector.sent[0]!.activity))).toContain('Dealroom commands');
    const { replies } = await say(h, channel(), sam, text`${AT_BOT}`);
    expect(cardText(cardOf(replies[0]!.activity))).toContain('@Dealroom new <name>');
  });
});
