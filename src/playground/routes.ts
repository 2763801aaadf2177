// The playground's HTTP surface: the page at `/`, its static files, and a small JSON API under
// /playground that turns what a persona does on the page into the requests Slack and Teams would
// send (signed /slack/events, /api/messages), and reads back what the fakes received. Nothing here
// calls the core: the page reaches the bot only through the real adapters (issue 6).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { type Feed, personalSlackChannel } from './feed.js';
import { PERSONAS, type Persona, personaByKey, SLACK, TEAMS } from './personas.js';
import type { Room, Rooms } from './rooms.js';
import type { Forwarded, SlackRequests } from './slack-requests.js';
import type { TeamsConversation, TeamsRequests } from './teams-requests.js';

export interface RouteDeps {
  readonly feed: Feed;
  readonly rooms: Rooms;
  readonly slack: SlackRequests;
  readonly teams: TeamsRequests;
  /** Sends the install event once (the Teams welcome card), before the first request goes in. */
  readonly ready: () => Promise<void>;
  readonly logger: Logger;
}

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
/** The Adaptive Cards HTML renderer, as its package ships it for browsers (DESIGN.md §6). */
const ADAPTIVE_CARDS = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');

const Target = z.enum(['channel', 'dm']).default('channel');
const Send = z.object({
  persona: z.string(),
  room: z.coerce.number().int(),
  target: Target,
  text: z
    .string()
    .trim()
    .min(1, 'Type a command first.')
    .max(3_000, 'That message is too long (3000 characters at most).'),
});
const SlackClick = z.object({
  persona: z.string(),
  channel: z.string().regex(/^[CD][A-Z0-9]{1,40}$/),
  ts: z.string().max(40),
  ephemeral: z.boolean(),
  action: z.object({
    action_id: z.string().max(255),
    block_id: z.string().max(2_000).optional(),
    type: z.enum(['button', 'users_select', 'static_select']),
    value: z.string().max(2_000).optional(),
    selected_user: z.string().max(40).optional(),
    selected_option: z.object({ text: z.string().max(200), value: z.string().max(2_000) }).optional(),
  }),
});
const SlackView = z.object({
  persona: z.string(),
  id: z.string().regex(/^VPG\d+$/),
  callbackId: z.string().max(255),
  privateMetadata: z.string().max(3_000),
  values: z.record(
    z.string(),
    z.record(z.string(), z.object({ type: z.string(), value: z.string().max(3_000).nullable() })),
  ),
});
const TeamsClick = z.object({
  persona: z.string(),
  conversationId: z.string().max(300),
  activityId: z.string().max(100),
  type: z.enum(['Action.Execute', 'Action.Submit']),
  verb: z.string().max(100).optional(),
  data: z.record(z.string(), z.unknown()),
});

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const custom = issue?.code === 'too_small' || issue?.code === 'too_big' ? issue.message : undefined;
  throw new Refusal(
    400,
    custom ?? `The playground could not read that request (${issue?.path.join('.') || 'body'}).`,
  );
}

function persona(key: string): Persona {
  const p = personaByKey(key);
  if (!p) throw new Refusal(400, `There is no persona called "${key}" in the playground.`);
  return p;
}

function room(rooms: Rooms, n: number): Room {
  const r = rooms.get(n);
  if (!r) throw new Refusal(400, `There is no deal room ${n}; pick one from the list.`);
  return r;
}

/** A non-2xx answer from the service, as a sentence for the page. */
function refusedBy(platform: 'Slack' | 'Teams', f: Forwarded): string | null {
  if (f.status < 300) return null;
  const said = (f.body as { error?: unknown } | null)?.error;
  const detail = typeof said === 'string' ? ` It said: ${said}` : '';
  return `Dealroom refused the ${platform} request (HTTP ${f.status}).${detail}`;
}

export function playgroundRouter(d: RouteDeps): Router {
  const router = Router();
  const api = Router();
  api.use(express.json({ limit: '64kb' }));

  /** Every API route: a JSON answer, or `{ error }` with one sentence. */
  const route =
    (handler: (req: Request) => Promise<object>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await d.ready();
        res.json(await handler(req));
      } catch (error) {
        if (error instanceof Refusal) {
          res.status(error.status).json({ error: error.message });
          return;
        }
        d.logger.warn({ err: error, path: req.path }, 'playground request failed');
        res.status(502).json({
          error:
            'The playground could not reach Dealroom, so nothing happened. Check the terminal it runs in.',
        });
      }
    };
  const ok = (platform: 'Slack' | 'Teams', f: Forwarded) => {
    const refused = refusedBy(platform, f);
    if (refused) throw new Refusal(502, refused);
    return { ok: true };
  };

  api.get(
    '/state',
    route(async () => ({
      personas: PERSONAS,
      rooms: d.rooms.all(),
      slack: { teamId: SLACK.teamId, botUserId: SLACK.botUserId },
      teams: { tenantId: TEAMS.tenantId, botId: TEAMS.bot.id },
    })),
  );

  api.post(
    '/rooms',
    route(async () => {
      const created = d.rooms.add();
      if (!created)
        throw new Refusal(409, 'The playground has as many deal rooms as it can hold; reuse one.');
      return { room: created, rooms: d.rooms.all() };
    }),
  );

  api.get(
    '/feed',
    route(async (req) => {
      const p = persona(String(req.query.persona ?? ''));
      const r = room(d.rooms, Number(req.query.room));
      if (req.query.v && req.query.v === d.feed.version()) return { version: req.query.v, unchanged: true };
      return d.feed.forPersona(p, r);
    }),
  );

  api.post(
    '/slack/send',
    route(async (req) => {
      const body = parse(Send, req.body);
      const p = persona(body.persona);
      const r = room(d.rooms, body.room);
      const channel = body.target === 'dm' ? { id: personalSlackChannel(p), name: 'directmessage' } : r.slack;
      const slash = /^\/deal(?:\s+|$)/i.exec(body.text);
      if (slash) {
        const text = body.text.slice(slash[0].length);
        d.feed.recordPost({
          platform: 'slack',
          persona: p,
          where: channel.id,
          text: body.text,
          command: true,
          id: '',
        });
        return ok('Slack', await d.slack.slash(p, channel, text));
      }
      if (body.text.startsWith('/')) {
        throw new Refusal(400, 'Dealroom has one slash command, /deal. Try /deal help.');
      }
      const ts = d.slack.nextTs();
      d.feed.recordPost({
        platform: 'slack',
        persona: p,
        where: channel.id,
        text: body.text,
        command: false,
        id: ts,
      });
      return ok('Slack', await d.slack.message(p, channel.id, body.text, ts));
    }),
  );

  api.post(
    '/slack/action',
    route(async (req) => {
      const body = parse(SlackClick, req.body);
      const p = persona(body.persona);
      const { channel, ts, ephemeral } = body;
      const visible =
        channel === personalSlackChannel(p) || d.rooms.all().some((r) => r.slack.id === channel);
      if (!visible) throw new Refusal(400, 'That message is not in a conversation this persona can see.');
      return ok('Slack', await d.slack.click(p, { channel, ts, ephemeral }, body.action));
    }),
  );

  api.post(
    '/slack/view',
    route(async (req) => {
      const body = parse(SlackView, req.body);
      const p = persona(body.persona);
      const f = await d.slack.submitView(p, body);
      ok('Slack', f);
      // Bolt's ack may carry field errors ("a reason is required"): the form stays open with them.
      const answer = f.body as { response_action?: unknown; errors?: Record<string, string> } | null;
      if (answer?.response_action === 'errors') return { ok: true, errors: answer.errors ?? {} };
      d.feed.closeModal(body.id);
      return { ok: true };
    }),
  );

  api.post(
    '/teams/send',
    route(async (req) => {
      const body = parse(Send, req.body);
      const p = persona(body.persona);
      const r = room(d.rooms, body.room);
      const where: TeamsConversation =
        body.target === 'dm'
          ? { kind: 'personal', id: d.feed.teamsChatOf(p) }
          : { kind: 'channel', channelId: r.teams.id };
      const id = d.teams.nextId();
      const conversationId = where.kind === 'personal' ? where.id : `${where.channelId};messageid=${id}`;
      d.feed.recordPost({
        platform: 'teams',
        persona: p,
        where: where.kind === 'personal' ? where.id : where.channelId,
        conversationId,
        text: body.text,
        command: false,
        id,
      });
      // Recorded first, so it shows before the bot's answer to it.
      return ok('Teams', await d.teams.message(p, where, body.text, id));
    }),
  );

  api.post(
    '/teams/action',
    route(async (req) => {
      const body = parse(TeamsClick, req.body);
      const p = persona(body.persona);
      const where = teamsConversation(body.conversationId, body.activityId, d, p);
      if (body.type === 'Action.Submit')
        return ok('Teams', await d.teams.submit(p, where, body.activityId, body.data));
      const f = await d.teams.invoke(p, where, body.activityId, body.verb ?? '', body.data);
      ok('Teams', f);
      const card = (f.body as { value?: unknown } | null)?.value;
      if (card && typeof card === 'object') d.feed.recordAnswer(p, body.activityId, card);
      return { ok: true, card: card ?? null };
    }),
  );

  router.use('/playground/api', api);
  router.use('/playground/static', express.static(PAGE_DIR, { index: false, maxAge: 0 }));
  router.get('/playground/vendor/adaptivecards.min.js', (_req, res) => {
    res.type('application/javascript').sendFile(ADAPTIVE_CARDS);
  });
  router.get('/', (_req, res) => {
    res.type('html').sendFile(`${PAGE_DIR}index.html`);
  });
  return router;
}

/** A card's conversation (as the fake connector recorded it) → where the click happens. */
function teamsConversation(
  conversationId: string,
  activityId: string,
  d: RouteDeps,
  p: Persona,
): TeamsConversation {
  const [channelId, thread] = conversationId.split(';messageid=');
  if (channelId && d.rooms.all().some((r) => r.teams.id === channelId)) {
    return { kind: 'channel', channelId, threadId: thread ?? activityId };
  }
  if (d.feed.teamsChats(p).includes(conversationId)) return { kind: 'personal', id: conversationId };
  throw new Refusal(400, 'That card is not in a conversation this persona can see.');
}
