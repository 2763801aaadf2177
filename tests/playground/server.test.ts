// The playground's server side: `npm start` with no environment serves the page, and what the page
// asks for goes through the real adapters (signed /slack/events through Bolt, /api/messages through
// botbuilder) to the playground's fakes, which are what the page's feed shows.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../src/playground/fake-slack-api.js';
import type { FeedItem } from '../../src/playground/feed.js';
import { startPlayground } from '../../src/playground/index.js';
import { startService } from '../../src/service.js';
import {
  elements,
  eventually,
  executes,
  itemText,
  type Json,
  lastWith,
  type Running,
  startPlaygroundService,
  textOf,
} from './helpers.js';

describe('the playground server (npm start with no environment)', () => {
  let pg: Running;
  let slack: FakeSlackApi;
  beforeAll(async () => {
    pg = await startPlaygroundService();
    slack = pg.playground.slackApi;
  });
  afterAll(async () => {
    await pg?.close();
  });

  const slackSend = (persona: string, text: string, room = 1) =>
    pg.api('/slack/send', { persona, room, text });
  const teamsSend = (persona: string, text: string, room = 1, target = 'channel') =>
    pg.api('/teams/send', { persona, room, text, target });
  const slackClick = (persona: string, item: FeedItem, action: Json) =>
    pg.api('/slack/action', { persona, ...item.slack, action });
  const teamsClick = (persona: string, item: FeedItem, verb: string, data: Json) =>
    pg.api('/teams/action', { persona, ...item.teams, type: 'Action.Execute', verb, data });

  it('serves the page, its scripts and the Adaptive Cards renderer', async () => {
    const page = await fetch(`${pg.service.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('id="slack-pane"');
    expect(html).toContain('id="teams-pane"');
    expect(html).toContain('/playground/vendor/adaptivecards.min.js');
    for (const file of ['app.js', 'block-kit.js', 'mrkdwn.js', 'teams-card.js', 'sample.js', 'styles.css']) {
      const res = await fetch(`${pg.service.url}/playground/static/${file}`);
      expect(res.status, file).toBe(200);
    }
    const renderer = await fetch(`${pg.service.url}/playground/vendor/adaptivecards.min.js`);
    expect(renderer.status).toBe(200);
    expect(renderer.headers.get('content-type')).toContain('javascript');
    expect(await renderer.text()).toContain('AdaptiveCard');
    const state = await pg.api('/state');
    const personas = state.body.personas as { role: string; slack: { id: string }; teams: { id: string } }[];
    expect(personas.map((p) => p.role).sort()).toEqual([
      'am',
      'am',
      'analyst',
      'manager',
      'marketing',
      'sdr',
    ]);
    for (const p of personas) {
      expect(p.slack.id).toMatch(/^U[A-Z0-9]+$/);
      expect(p.teams.id).toMatch(/^29:/);
    }
  });

  it('sends /deal through Bolt (signed), with @mentions as real Slack mentions', async () => {
    expect((await slackSend('sam', '/deal new Acme expansion')).body).toEqual({ ok: true });
    // The reply came back in the ack; the playground (as Slack would) shows it to the whole room.
    await eventually(async () => {
      const summary = lastWith((await pg.feed('alex')).slack.channel, 'Acme expansion');
      expect(summary).toMatchObject({ from: 'bot', slack: { ephemeral: false } });
      expect(summary?.private).toBeUndefined();
    });
    expect(slack.callsTo('response_url').at(-1)?.args).toMatchObject({ response_type: 'in_channel' });
    await slackSend('sam', '/deal stage qualify');
    await slackSend('sam', '/deal escalate @Alex budget confirmed, wants a demo');
    // The handoff card: in the room, and in Alex's DM, naming Alex by a real mention.
    await eventually(() => expect(slack.messages('DUPGALEX')).toHaveLength(1));
    const card = slack.messages('CPGROOM1').find((m) => textOf(m.blocks).includes('budget confirmed'));
    expect(textOf(card?.blocks)).toContain('<@UPGALEX>');

    // What each persona sees: Sam's own commands only to Sam; the room's messages to everyone.
    const sam = await pg.feed('sam');
    const alex = await pg.feed('alex');
    expect(sam.slack.channel.filter((i) => i.command).map((i) => i.text)).toEqual([
      '/deal new Acme expansion',
      '/deal stage qualify',
      '/deal escalate @Alex budget confirmed, wants a demo',
    ]);
    expect(alex.slack.channel.some((i) => i.command)).toBe(false);
    expect(lastWith(alex.slack.channel, 'budget confirmed')?.from).toBe('bot');
    expect(lastWith(alex.slack.dm, 'budget confirmed')).toBeDefined();
    expect(sam.slack.dm).toEqual([]);
    // The page lists a persona's items in the order they happened.
    const seqs = sam.slack.channel.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('sends @Dealroom to /api/messages, with @mentions as Teams mention entities', async () => {
    expect((await teamsSend('sam', '@Dealroom new Globex renewal')).body).toEqual({ ok: true });
    const connector = pg.playground.connector;
    await eventually(() =>
      expect(connector.sent.some((s) => textOf(s.activity.attachments).includes('Globex renewal'))).toBe(
        true,
      ),
    );
    const reply = connector.sent.find((s) => textOf(s.activity.attachments).includes('Globex renewal'));
    expect(reply?.conversationId).toMatch(/^19:playground-deals-1@thread\.tacv2;messageid=\d+$/);
    await teamsSend('sam', '@Dealroom stage qualify');
    await teamsSend('sam', '@Dealroom escalate @Alex champion is the CFO');
    // Alex is a real mention: the bot opens a 1:1 chat with Alex's Teams id for the handoff card.
    await eventually(() =>
      expect(connector.conversations.map((c) => JSON.stringify(c.parameters.members))).toContain(
        JSON.stringify([{ id: '29:playground-alex', name: 'Alex' }]),
      ),
    );
    const alex = await pg.feed('alex');
    const sam = await pg.feed('sam');
    await eventually(async () =>
      expect(lastWith((await pg.feed('alex')).teams.dm, 'champion is the CFO')).toBeDefined(),
    );
    expect(sam.teams.dm.some((i) => itemText(i).includes('champion is the CFO'))).toBe(false);
    // The install welcome card came first; Sam's message is in the channel for everyone.
    expect(itemText(alex.teams.channel[0] as FeedItem)).toContain('Dealroom is here');
    expect(
      alex.teams.channel.some((i) => i.from === 'person' && i.text === '@Dealroom new Globex renewal'),
    ).toBe(true);
  });

  it('accepts a Teams handoff by Action.Execute: the clicker gets the card back, the room sees it', async () => {
    const alexFeed = await pg.feed('alex');
    const handoff = lastWith(alexFeed.teams.channel, 'champion is the CFO') as FeedItem;
    const accept = executes(handoff.cards).find((a) => a.verb === 'handoff.accept');
    expect(accept).toBeDefined();
    // Someone else clicking gets the card back with a sentence, in place, for them alone (DESIGN §4).
    const refused = await teamsClick('maya', handoff, 'handoff.accept', accept?.data ?? {});
    expect(textOf(refused.body.card)).toMatch(/Only Alex .* can accept/);
    const mayaSees = (await pg.feed('maya')).teams.channel.find((i) => i.key === handoff.key) as FeedItem;
    expect(mayaSees.answered).toBe(true);
    expect(itemText(mayaSees)).toMatch(/Only Alex .* can accept/);
    expect(
      itemText((await pg.feed('sam')).teams.channel.find((i) => i.key === handoff.key) as FeedItem),
    ).not.toContain('can accept');
    const res = await teamsClick('alex', handoff, 'handoff.accept', accept?.data ?? {});
    expect(res.status).toBe(200);
    expect(textOf(res.body.card)).toContain('Accepted by Alex');
    // Every copy of the card is updated: the clicker's, and everyone else's.
    await eventually(async () => {
      const theirs = (await pg.feed('sam')).teams.channel.find((i) => i.key === handoff.key);
      expect(theirs?.edited).toBe(true);
      expect(itemText(theirs as FeedItem)).toContain('Accepted by Alex');
    });
    await teamsSend('alex', '@Dealroom timeline');
    await eventually(async () =>
      expect(lastWith((await pg.feed('alex')).teams.channel, 'Timeline')?.cards).toBeDefined(),
    );
    expect(itemText(lastWith((await pg.feed('alex')).teams.channel, 'Timeline') as FeedItem)).toContain(
      'Alex accepted the handoff',
    );
  });

  it('declines a Slack handoff through the reason modal, and reassigns one with the people picker', async () => {
    const alex = await pg.feed('alex');
    const card = lastWith(alex.slack.channel, 'budget confirmed');
    const [decline] = elements(card, 'handoff.decline');
    expect(decline).toBeDefined();
    await slackClick('alex', card as FeedItem, {
      type: 'button',
      action_id: 'handoff.decline',
      block_id: decline?.block_id,
      value: decline?.value,
    });
    await eventually(() => expect(slack.callsTo('views.open')).toHaveLength(1));
    const modal = (await pg.feed('alex')).slack.modal;
    expect(modal).not.toBeNull();
    expect((await pg.feed('sam')).slack.modal).toBeNull();
    const view = modal?.view as { callback_id: string; private_metadata: string; blocks: Json[] };
    const input = view.blocks.find((b) => b.type === 'input') as {
      block_id: string;
      element: { action_id: string };
    };
    const submit = (value: string) =>
      pg.api('/slack/view', {
        persona: 'alex',
        id: modal?.id,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { [input.block_id]: { [input.element.action_id]: { type: 'plain_text_input', value } } },
      });
    // A blank reason: the bot's own sentence comes back on the form, which stays open.
    const blank = await submit('   ');
    expect(blank.body.errors).toEqual({ [input.block_id]: expect.stringContaining('give a reason') });
    expect((await pg.feed('alex')).slack.modal?.id).toBe(modal?.id);
    expect((await submit('Not my territory')).body).toEqual({ ok: true });
    expect((await pg.feed('alex')).slack.modal).toBeNull();
    await eventually(async () => {
      const updated = (await pg.feed('sam')).slack.channel.find((i) => i.key === card?.key);
      expect(updated?.edited).toBe(true);
      expect(itemText(updated as FeedItem)).toMatch(/Declined by alex/i);
    });

    // The people picker (users_select) reassigns: its block id carries the handoff.
    await slackSend('sam', '/deal escalate @Jordan second try');
    await eventually(async () =>
      expect(
        elements(lastWith((await pg.feed('jordan')).slack.channel, 'second try'), 'handoff.reassign'),
      ).toHaveLength(1),
    );
    const second = lastWith((await pg.feed('jordan')).slack.channel, 'second try') as FeedItem;
    const [picker] = elements(second, 'handoff.reassign');
    expect(picker?.type).toBe('users_select');
    await slackClick('jordan', second, {
      type: 'users_select',
      action_id: 'handoff.reassign',
      block_id: picker?.block_id,
      selected_user: 'UPGMORGAN',
    });
    await eventually(async () => {
      const feed = await pg.feed('morgan');
      expect(itemText(feed.slack.channel.find((i) => i.key === second.key) as FeedItem)).toMatch(
        /reassigned/i,
      );
      expect(elements(lastWith(feed.slack.dm, 'second try'), 'handoff.accept')).toHaveLength(1);
    });
  });

  it('pages the timeline and marks a tag done, on both platforms', { timeout: 60_000 }, async () => {
    // Slack, room 2: plain messages that mention a teammate are listened to (🏷️ reaction, no post).
    expect((await pg.api('/rooms', {})).status).toBe(200);
    await slackSend('sam', '/deal new Paging', 2);
    await eventually(async () =>
      expect(lastWith((await pg.feed('maya', 2)).slack.channel, 'Paging')?.from).toBe('bot'),
    );
    for (let n = 1; n <= 10; n++) await slackSend('sam', `@Maya please check item ${n}`, 2);
    await eventually(() => expect(slack.callsTo('reactions.add')).toHaveLength(10));
    const reacted = (await pg.feed('maya', 2)).slack.channel.filter((i) => i.reactions?.includes('label'));
    expect(reacted).toHaveLength(10);

    await slackSend('maya', '/deal timeline', 2);
    await eventually(async () =>
      expect(
        elements(lastWith((await pg.feed('maya', 2)).slack.channel, 'Timeline'), 'timeline.older'),
      ).toHaveLength(1),
    );
    const first = lastWith((await pg.feed('maya', 2)).slack.channel, 'Timeline') as FeedItem;
    expect(first.private).toBe(true);
    const [older] = elements(first, 'timeline.older');
    await slackClick('maya', first, { type: 'button', action_id: 'timeline.older', value: older?.value });
    await eventually(async () => {
      const page2 = lastWith((await pg.feed('maya', 2)).slack.channel, 'Timeline') as FeedItem;
      expect(page2.key).not.toBe(first.key);
      expect(elements(page2, 'timeline.newer')).toHaveLength(1);
      expect(itemText(page2)).toContain('created the deal');
    });

    await slackSend('maya', '/deal inbox', 2);
    await eventually(async () =>
      expect(
        elements(lastWith((await pg.feed('maya', 2)).slack.channel, 'Inbox'), 'inbox.done').length,
      ).toBeGreaterThan(0),
    );
    const inbox = lastWith((await pg.feed('maya', 2)).slack.channel, 'Inbox') as FeedItem;
    const open = elements(inbox, 'inbox.done');
    expect(open.length).toBeGreaterThan(1);
    await slackClick('maya', inbox, { type: 'button', action_id: 'inbox.done', value: open[0]?.value });
    // The answer is the inbox again, one item shorter, for Maya only.
    await eventually(async () => {
      const after = lastWith((await pg.feed('maya', 2)).slack.channel, 'Inbox') as FeedItem;
      expect(after.key).not.toBe(inbox.key);
      expect(after.private).toBe(true);
      expect(elements(after, 'inbox.done')).toHaveLength(open.length - 1);
    });

    // Teams, room 2: the Older button answers in place with the next page; the inbox is in the 1:1 chat.
    await teamsSend('sam', '@Dealroom new Paging', 2);
    for (let n = 1; n <= 10; n++) await teamsSend('sam', `@Dealroom tag @Maya please check item ${n}`, 2);
    await teamsSend('maya', '@Dealroom timeline', 2);
    await eventually(async () =>
      expect(lastWith((await pg.feed('maya', 2)).teams.channel, 'Timeline')).toBeDefined(),
    );
    const timeline = lastWith((await pg.feed('maya', 2)).teams.channel, 'Timeline') as FeedItem;
    const next = executes(timeline.cards).find((a) => a.verb === 'timeline.older');
    expect(next).toBeDefined();
    const paged = await teamsClick('maya', timeline, 'timeline.older', next?.data ?? {});
    expect(executes(paged.body.card).map((a) => a.verb)).toContain('timeline.newer');
    expect(textOf(paged.body.card)).toContain('created the deal');

    await teamsSend('maya', '@Dealroom inbox', 2);
    await eventually(async () =>
      expect(lastWith((await pg.feed('maya', 2)).teams.dm, 'Inbox')).toBeDefined(),
    );
    const teamsInbox = lastWith((await pg.feed('maya', 2)).teams.dm, 'Inbox') as FeedItem;
    const tagDone = executes(teamsInbox.cards).find((a) => a.verb === 'inbox.done');
    const answered = await teamsClick('maya', teamsInbox, 'inbox.done', tagDone?.data ?? {});
    expect(answered.status).toBe(200);
    expect(executes(answered.body.card).filter((a) => a.verb === 'inbox.done').length).toBe(
      executes(teamsInbox.cards).filter((a) => a.verb === 'inbox.done').length - 1,
    );
  });

  it('answers mistakes with sentences: the page’s, and the bot’s own', async () => {
    const bad = [
      [
        await pg.api('/slack/send', { persona: 'nobody', room: 1, text: '/deal help' }),
        'no persona called "nobody"',
      ],
      [await pg.api('/slack/send', { persona: 'sam', room: 1, text: '  ' }), 'Type a command first.'],
      [
        await pg.api('/slack/send', { persona: 'sam', room: 1, text: '/remind me' }),
        'one slash command, /deal',
      ],
      [await pg.api('/teams/send', { persona: 'sam', room: 99, text: 'hi' }), 'There is no deal room 99'],
      [
        await pg.api('/teams/action', {
          persona: 'sam',
          conversationId: 'a:somebody-else',
          activityId: '1',
          type: 'Action.Execute',
          verb: 'handoff.accept',
          data: {},
        }),
        'not in a conversation this persona can see',
      ],
    ] as const;
    for (const [res, sentence] of bad) {
      expect(res.status).toBe(400);
      expect(res.body.error).toContain(sentence);
    }
    // Room 3 has no deal yet: the bot itself says so, to the one who asked.
    await pg.api('/rooms', {});
    await slackSend('priya', '/deal research industry too early', 3);
    await eventually(async () => {
      const said = (await pg.feed('priya', 3)).slack.channel.filter((i) => i.from === 'bot');
      expect(said.map((i) => [i.private, itemText(i)])).toEqual([
        [true, expect.stringContaining('not a deal room yet')],
      ]);
    });
    expect((await pg.feed('sam', 3)).slack.channel).toEqual([]);
  });
});

describe('where the playground does not run', () => {
  it('serves no page and no playground API in production, even with PLAYGROUND=on', async () => {
    const fake = await startFakeSlackApi();
    const config = loadConfig({
      PORT: '0',
      NODE_ENV: 'production',
      PLAYGROUND: 'on',
      SLACK_SIGNING_SECRET: 'prod-secret',
      SLACK_BOT_TOKEN: 'xoxb-prod',
      SLACK_API_URL: fake.url,
    });
    expect(config.playground).toBe(false);
    const service = await startService(config, pino({ level: 'silent' }));
    try {
      expect(service.playground).toBeUndefined();
      for (const path of ['/', '/playground/api/state', '/playground/static/app.js']) {
        expect((await fetch(`${service.url}${path}`)).status, path).toBe(404);
      }
      await expect(
        startPlayground({ ...config, playground: true }, pino({ level: 'silent' })),
      ).rejects.toThrow('never in production');
    } finally {
      await service.stop();
      await fake.close();
    }
  });

  it('closes its fakes when the service stops', async () => {
    const pg = await startPlaygroundService();
    const { slackApi, connector } = pg.playground;
    expect((await fetch(`${slackApi.url}auth.test`, { method: 'POST' })).status).toBe(200);
    await pg.close();
    await expect(fetch(`${slackApi.url}auth.test`, { method: 'POST' })).rejects.toThrow();
    await expect(fetch(`${connector.url}v3/conversations`, { method: 'POST' })).rejects.toThrow();
  });
});
