// 10,000 generated command texts through the real HTTP front doors: half as signed Slack slash
// commands, half as Teams messages to @Dealroom. Texts come from the grammar's vocabulary mixed with
// noise, odd unicode and hostile markup. None may cause a 5xx, a crash or an unhandled rejection;
// every error a person reads is a sentence; and nothing Dealroom sends carries a live @channel/@here
// or a mention of anyone the platform did not resolve. On Slack "sends" is both the replies carried in
// the slash commands' acks (src/slack/slash-answer.ts) and every call to the fake Web API (handoff
// cards, DMs, multi-page replies, replies past the ack deadline).
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlackCall } from '../../src/playground/fake-slack-api.js';
import { useBothPlatforms } from '../support/both-platforms.js';
import { generateCommands, LIVE_BROADCAST, NOT_A_SENTENCE, type Token } from '../support/command-fuzz.js';
import { pool } from '../support/fleet.js';
import { type SlackHarness, type SlashAck, textOf, USERS } from '../support/slack-harness.js';
import { cardText } from '../support/teams-find.js';
import {
  AT_BOT,
  channel,
  command,
  type Json,
  type Room,
  type TeamsHarness,
  type TeamsUser,
  teamsUser,
  text,
} from '../support/teams-harness.js';

const PER_PLATFORM = 5_000;
const ROOMS = 150;
const PEOPLE = 40;
const CONCURRENCY = 16;

/** Resolves once `count()` has not changed for `quietMs` (background deliveries have finished). */
async function quiet(count: () => number, quietMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const n = count();
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const firstLine = (s: string) => s.split('\n')[0] ?? '';
/** Starts with a capital (or a quote), ends its clause with punctuation: a sentence, not a code. */
const SENTENCE = /^["“A-Z][\s\S]*[.?!:)"”]$/;

describe('10,000 generated commands over HTTP', () => {
  const both = useBothPlatforms();
  const { rejections } = both;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  beforeAll(() => {
    ({ slack, teams } = both);
  });

  it('Slack: 5,000 slash commands, no 5xx, sentences only, nothing live or fake', {
    timeout: 180_000,
  }, async () => {
    const real = Array.from({ length: PEOPLE }, (_, i) => `UREAL${i}`);
    for (const id of real)
      slack.fake.addUser({ id, name: id.toLowerCase(), displayName: `Real ${id.slice(5)}` });
    const rooms = Array.from({ length: ROOMS }, (_, i) => `CFUZZ${i}`);
    for (const [i, room] of rooms.entries()) {
      const created = await slack.ask(slack.who('USAM', room), `new Fuzz deal ${i}`);
      expect(created?.response_type).toBe('in_channel');
    }

    const commands = generateCommands(PER_PLATFORM, 20_261_124);
    const answers = await pool(
      commands.map((tokens, i) => async () => {
        const textOut = tokens
          .map((t: Token, k) => (t.kind === 'mention' ? `<@${real[(i * 7 + k) % PEOPLE]}>` : t.text))
          .join(' ');
        // Three in four in deal rooms, the rest in channels with no deal and in direct messages.
        const where =
          i % 8 === 0
            ? `CNODEAL${i % 10}`
            : i % 8 === 1
              ? `D${USERS[i % USERS.length]!.id}`
              : rooms[i % ROOMS]!;
        const res = await slack.slash(slack.who(USERS[i % USERS.length]!.id, where), textOut);
        const raw = await res.text();
        return { status: res.status, ack: res.status === 200 && raw ? (JSON.parse(raw) as SlashAck) : null };
      }),
      CONCURRENCY,
    );
    const statuses = answers.map((a) => a.status);
    const acks = answers.flatMap((a) => (a.ack ? [a.ack] : []));
    // Most replies came back in the acks; what goes through the Web API (handoff cards, DMs to the
    // people tagged, multi-page replies) may still be on its way: wait for those calls to stop coming.
    await quiet(() => slack.fake.calls.length, 1_500, 120_000);

    expect(statuses).toHaveLength(PER_PLATFORM);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(rejections).toEqual([]);
    expect((await fetch(`${slack.service.url}/healthz`)).status).toBe(200);

    const said = (c: FakeSlackCall) => String(c.args.text ?? '');
    const out = slack.fake.calls.filter((c) => c.method.startsWith('chat.') || c.method === 'response_url');
    // Private answers: ephemeral acks, and ephemerals through the Web API (past the ack deadline, or
    // of several pages).
    const privateAcks = acks.filter((a) => a.response_type === 'ephemeral');
    const ephemerals = slack.fake.callsTo('chat.postEphemeral');
    // A refusal is a warning notice: its first block reads "⚠️ <sentence>".
    const warnings = [
      ...privateAcks.map((a) => firstLine(textOf(a.blocks))),
      ...ephemerals.map((c) => firstLine(textOf(c.args.blocks))),
    ].filter((t) => t.startsWith('⚠️'));
    expect(warnings.length).toBeGreaterThan(500); // the generator does reach the error paths
    expect(warnings.filter((t) => !SENTENCE.test(t.slice(3)) || NOT_A_SENTENCE.test(t))).toEqual([]);
    // A refusal never goes to the room: no reply to the room starts with the warning sign.
    expect(
      acks.filter((a) => a.response_type === 'in_channel' && firstLine(textOf(a.blocks)).startsWith('⚠️')),
    ).toEqual([]);
    // Every answer says something, with its fallback text for notifications.
    expect(acks.filter((a) => a.text.trim() === '' || textOf(a.blocks).trim() === '')).toEqual([]);
    expect(ephemerals.filter((c) => said(c).trim() === '')).toEqual([]);
    const everything = [...out.map((c) => JSON.stringify(c.args)), ...acks.map((a) => JSON.stringify(a))];
    expect(everything.filter((s) => LIVE_BROADCAST.test(s))).toEqual([]);
    // Plain @here becomes live only with link_names; Dealroom never asks for it.
    expect(out.filter((c) => c.args.link_names)).toEqual([]);
    expect(acks.filter((a) => 'link_names' in a)).toEqual([]);
    // The only users mentioned live are ones Slack resolved: the people of this workspace, and the ids
    // the generator sent as Slack's own mention markup (<@U123|fake>, <@U0FAKE>). A mention typed as
    // text (&lt;@UTYPED|ceo&gt;) never becomes one.
    const known = new Set([...USERS.map((u) => u.id), ...real, 'U123', 'U0FAKE']);
    const mentioned = everything.flatMap((s) => [...s.matchAll(/<@([A-Z0-9]+)/g)].map((m) => m[1]!));
    expect(mentioned.filter((id) => !known.has(id))).toEqual([]);
    expect(everything.some((s) => s.includes('UTYPED'))).toBe(true); // it was echoed, as text

    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      'test-artifacts/fuzz-slack.json',
      `${JSON.stringify(
        {
          commands: statuses.length,
          status5xx: statuses.filter((s) => s >= 500).length,
          ackReplies: acks.length,
          ackReplyEphemeral: privateAcks.length,
          ackReplyInChannel: acks.length - privateAcks.length,
          emptyAcks: answers.filter((a) => a.status === 200 && !a.ack).length,
          webApiCalls: out.length,
          warnings: warnings.length,
          warningsInAck: privateAcks.filter((a) => firstLine(textOf(a.blocks)).startsWith('⚠️')).length,
        },
        null,
        2,
      )}\n`,
    );
  });

  it('Teams: 5,000 messages to @Dealroom, no 5xx, sentences only, no fake mentions', {
    timeout: 180_000,
  }, async () => {
    const people: TeamsUser[] = Array.from({ length: PEOPLE }, (_, i) => teamsUser(`Real${i}`));
    const actors = people.slice(0, 5);
    const rooms: Room[] = Array.from({ length: ROOMS }, () => channel());
    await pool(
      rooms.map(
        (room, i) => () => teams.post(teams.roomMessage(room, actors[0]!, command(`new Fuzz deal ${i}`))),
      ),
      CONCURRENCY,
    );

    const commands = generateCommands(PER_PLATFORM, 20_261_125);
    const statuses = await pool(
      commands.map((tokens, i) => () => {
        const entities: Json[] = [...text`${AT_BOT}`.entities];
        const words = tokens.map((t: Token, k) => {
          if (t.kind === 'text') return t.text;
          const p = people[(i * 7 + k) % PEOPLE]!;
          entities.push({
            type: 'mention',
            text: `<at>${p.name}</at>`,
            mentioned: { id: p.id, name: p.name },
          });
          return `<at>${p.name}</at>`;
        });
        const content = { text: `<at>Dealroom</at> ${words.join(' ')}`, entities };
        const actor = actors[i % actors.length]!;
        const activity =
          i % 8 === 1
            ? teams.personalMessage(`a:1personal${i % actors.length}`, actor, content)
            : teams.roomMessage(rooms[i % ROOMS]!, actor, content);
        return teams.post(activity).then((r) => r.status);
      }),
      CONCURRENCY,
    );
    await quiet(() => teams.connector.events.length, 1_500, 120_000);

    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(rejections).toEqual([]);
    const cards = teams.connector.events.flatMap((e) =>
      e.kind === 'send' || e.kind === 'update'
        ? (e.activity.attachments ?? []).map((a) => a.content as Json).filter(Boolean)
        : [],
    );
    expect(cards.length).toBeGreaterThan(PER_PLATFORM / 2);
    const ids = new Set([...people.map((p) => p.id)]);
    const problems: string[] = [];
    let warnings = 0;
    for (const card of cards) {
      const entities = (((card.msteams as Json | undefined)?.entities as Json[] | undefined) ?? []).filter(
        (e) => e.type === 'mention',
      );
      for (const e of entities) {
        const id = (e.mentioned as { id?: string } | undefined)?.id ?? '';
        if (!ids.has(id)) problems.push(`mention of an unresolved id ${id}`);
      }
      const tagged = new Set(entities.map((e) => String(e.text)));
      for (const m of JSON.stringify(card.body).matchAll(/<at>(.*?)<\/at>/g)) {
        if (!tagged.has(m[0])) problems.push(`a live-looking ${m[0]} with no mention behind it`);
      }
      if (cardText(card).trim() === '') problems.push('an empty card');
      // A refusal is a warning TextBlock: it must read as a sentence.
      for (const block of (card.body as Json[] | undefined) ?? []) {
        if (block.type !== 'TextBlock' || block.color !== 'Warning') continue;
        warnings++;
        const line = String(block.text);
        if (!SENTENCE.test(line) || NOT_A_SENTENCE.test(line)) problems.push(`not a sentence: ${line}`);
      }
    }
    expect(problems).toEqual([]);
    expect(warnings).toBeGreaterThan(500);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      'test-artifacts/fuzz-teams.json',
      `${JSON.stringify({ commands: statuses.length, status5xx: 0, cards: cards.length, warnings }, null, 2)}\n`,
    );
  });
});
