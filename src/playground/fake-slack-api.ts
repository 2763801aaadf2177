// A local stand-in for the Slack Web API: it records every call (method and arguments) and answers the
// methods Dealroom uses the way Slack does, so tests and the playground run with no network. Point
// SLACK_API_URL at `fake.url`. It keeps posted messages (with chat.update applied) so a test can look
// at a channel the way a person in it would.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseForm } from 'node:querystring';

export interface FakeSlackUser {
  readonly id: string;
  /** The handle (`name` in users.info). */
  readonly name: string;
  readonly realName?: string;
  readonly displayName?: string;
  readonly teamId?: string;
  readonly isBot?: boolean;
}

export interface FakeSlackCall {
  readonly method: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The HTTP status the fake answered with (429 when told to rate-limit). */
  readonly status: number;
  /** The `ok` of the answer, and its `error` when not ok. */
  readonly ok: boolean;
  readonly error?: string;
  readonly at: number;
}

export interface FakeSlackMessage {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: unknown;
  /** How many times chat.update changed it. */
  updates: number;
}

export interface RateLimitRule {
  readonly retryAfterSec: number;
  /** How many calls get the 429 before the method answers normally again (default 1). */
  readonly times?: number;
  /** Only calls to this channel are limited (Slack's per-channel posting limit). */
  readonly channel?: string;
}

export interface FakeSlackOptions {
  readonly port?: number;
  readonly teamId?: string;
  readonly teamDomain?: string;
  readonly botUserId?: string;
  readonly botId?: string;
  readonly users?: readonly FakeSlackUser[];
}

export interface FakeSlackApi {
  /** The Web API base URL, ending in `/api/`. */
  readonly url: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly calls: readonly FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /** Messages posted with chat.postMessage (in order), with later chat.update calls applied. */
  messages(channel?: string): FakeSlackMessage[];
  addUser(user: FakeSlackUser): void;
  /** A channel that already exists (its name is taken for conversations.create). */
  addChannel(name: string): string;
  /** Members of a channel created or invited to through the fake. */
  members(channel: string): string[];
  /** The next matching calls to `method` get HTTP 429 with `Retry-After`. */
  rateLimit(method: string, rule: RateLimitRule): void;
  /** Answers to `method` take `ms` longer (a slow Slack), until set back to 0. */
  delay(method: string, ms: number): void;
  /** Channels that answer `not_in_channel` to chat.postEphemeral and chat.postMessage. */
  blockChannel(channel: string): void;
  /** A `response_url` served by this fake; posts to it are recorded as method `response_url`. */
  responseUrl(id: string): string;
  /** Resolves once `predicate(calls)` holds; rejects after `timeoutMs`. */
  waitFor(predicate: (calls: readonly FakeSlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

type Args = Record<string, unknown>;
type Answer = { status?: number; body: Args; headers?: Record<string, string> };

/** Form fields that hold JSON (blocks, view, …) are decoded, as Slack does. */
function decodeArgs(raw: string, contentType: string | undefined): Args {
  if (contentType?.startsWith('application/json')) return raw ? (JSON.parse(raw) as Args) : {};
  const out: Args = {};
  for (const [key, value] of Object.entries(parseForm(raw))) {
    const v = Array.isArray(value) ? value[0] : value;
    out[key] = typeof v === 'string' && /^[[{]/.test(v) ? jsonOrText(v) : v;
  }
  return out;
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // a text field that merely starts with a bracket
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
const fail = (error: string): Answer => ({ body: { ok: false, error } });

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const teamId = options.teamId ?? 'T0FAKE';
  const domain = options.teamDomain ?? 'dealroom-test';
  const botUserId = options.botUserId ?? 'UBOT';
  const botId = options.botId ?? 'BBOT';
  const calls: FakeSlackCall[] = [];
  const users = new Map<string, FakeSlackUser>((options.users ?? []).map((u) => [u.id, u]));
  const messages: FakeSlackMessage[] = [];
  const channels = new Map<string, { id: string; name: string; members: Set<string> }>();
  const limits = new Map<string, (RateLimitRule & { left: number })[]>();
  const blocked = new Set<string>();
  const delays = new Map<string, number>();
  let tsCounter = 0;
  let channelCounter = 0;

  // Slack message timestamps: seconds.micro, unique and increasing.
  const nextTs = () =>
    `${1_700_000_000 + Math.floor(tsCounter / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  function newChannel(name: string, members: string[]): string {
    const id = `C${String(++channelCounter).padStart(8, '0')}`;
    channels.set(id, { id, name, members: new Set(members) });
    return id;
  }

  function limited(method: string, args: Args): RateLimitRule | undefined {
    const rules = limits.get(method) ?? [];
    const rule = rules.find((r) => r.left > 0 && (!r.channel || r.channel === str(args.channel)));
    if (rule) rule.left--;
    return rule;
  }

  const methods: Record<string, (args: Args) => Answer> = {
    'auth.test': () => ({
      body: {
        ok: true,
        url: `https://${domain}.slack.com/`,
        team: domain,
        user: 'dealroom',
        team_id: teamId,
        user_id: botUserId,
        bot_id: botId,
        is_enterprise_install: false,
      },
    }),
    'chat.postMessage': (args) => {
      const channel = str(args.channel);
      if (blocked.has(channel)) return fail('not_in_channel');
      const message = { channel, ts: nextTs(), text: str(args.text), blocks: args.blocks, updates: 0 };
      messages.push(message);
      return { body: { ok: true, channel, ts: message.ts, message: { text: message.text } } };
    },
    'chat.postEphemeral': (args) =>
      blocked.has(str(args.channel)) ? fail('not_in_channel') : { body: { ok: true, message_ts: nextTs() } },
    'chat.update': (args) => {
      const message = messages.find((m) => m.channel === str(args.channel) && m.ts === str(args.ts));
      if (!message) return fail('message_not_found');
      message.text = str(args.text);
      message.blocks = args.blocks;
      message.updates++;
      return { body: { ok: true, channel: message.channel, ts: message.ts, text: message.text } };
    },
    'chat.getPermalink': (args) => ({
      body: {
        ok: true,
        channel: str(args.channel),
        permalink: `https://${domain}.slack.com/archives/${str(args.channel)}/p${str(args.message_ts).replace('.', '')}`,
      },
    }),
    'conversations.create': (args) => {
      const name = str(args.name);
      if (!/^[a-z0-9_-]{1,80}$/.test(name))
        return fail(name.length > 80 ? 'invalid_name_maxlength' : 'invalid_name_specials');
      if ([...channels.values()].some((c) => c.name === name)) return fail('name_taken');
      const id = newChannel(name, [botUserId]);
      return {
        body: { ok: true, channel: { id, name, is_channel: true, is_private: args.is_private === 'true' } },
      };
    },
    'conversations.invite': (args) => {
      const channel = channels.get(str(args.channel));
      if (!channel) return fail('channel_not_found');
      for (const user of str(args.users).split(',')) channel.members.add(user);
      return { body: { ok: true, channel: { id: channel.id, name: channel.name } } };
    },
    'conversations.join': (args) => ({ body: { ok: true, channel: { id: str(args.channel) } } }),
    'conversations.open': (args) => ({
      body: { ok: true, channel: { id: `D${str(args.users).split(',')[0]}` } },
    }),
    'users.info': (args) => {
      const user = users.get(str(args.user));
      if (!user) return fail('user_not_found');
      return {
        body: {
          ok: true,
          user: {
            ...{ id: user.id, team_id: user.teamId ?? teamId, name: user.name, is_bot: user.isBot ?? false },
            real_name: user.realName ?? user.name,
            profile: { display_name: user.displayName ?? '', real_name: user.realName ?? user.name },
          },
        },
      };
    },
    'views.open': (args) => ({
      body: { ok: true, view: { id: `V${nextTs().replace('.', '')}`, ...(args.view as Args) } },
    }),
    'reactions.add': () => ({ body: { ok: true } }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const args = decodeArgs(raw, req.headers['content-type']);
    let answer: Answer;
    let method: string;
    if (url.pathname.startsWith('/response/')) {
      method = 'response_url';
      args.response_id = url.pathname.slice('/response/'.length);
      answer = { body: { ok: true } };
    } else {
      method = url.pathname.replace(/^\/api\//, '');
      const rule = limited(method, args);
      const run = methods[method];
      const tooMany = (r: RateLimitRule): Answer => ({
        ...fail('ratelimited'),
        status: 429,
        headers: { 'retry-after': String(r.retryAfterSec) },
      });
      answer = rule ? tooMany(rule) : run ? run(args) : fail('unknown_method');
    }
    const wait = delays.get(method) ?? 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const status = answer.status ?? 200;
    const ok = answer.body.ok === true;
    const error = ok ? {} : { error: str(answer.body.error) };
    calls.push({ method, args, status, ok, ...error, at: Date.now() });
    res.writeHead(status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/api/`,
    teamId,
    botUserId,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    messages: (channel) => messages.filter((m) => channel === undefined || m.channel === channel),
    addUser: (user) => void users.set(user.id, user),
    addChannel: (name) => newChannel(name, []),
    members: (channel) => [...(channels.get(channel)?.members ?? [])],
    rateLimit(method, rule) {
      const rules = limits.get(method) ?? [];
      rules.push({ ...rule, left: rule.times ?? 1 });
      limits.set(method, rules);
    },
    delay: (method, ms) => void delays.set(method, ms),
    blockChannel: (channel) => void blocked.add(channel),
    responseUrl: (id) => `${origin}/response/${encodeURIComponent(id)}`,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          const recent = calls.slice(-6).map((c) => `${c.method}(${str(c.args.channel)})`);
          throw new Error(
            `fake Slack API: condition not met in ${timeoutMs} ms; last calls: ${recent.join(', ')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
