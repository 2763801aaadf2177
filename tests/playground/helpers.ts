// The playground as `npm start` runs it with no environment: the real service, its playground on,
// driven through the page's own JSON API.
import { pino } from 'pino';
import { expect, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { FeedItem, PersonaFeed } from '../../src/playground/feed.js';
import type { Playground } from '../../src/playground/index.js';
import { type Service, startService } from '../../src/service.js';

export type Json = Record<string, unknown>;

export interface Running {
  readonly service: Service;
  readonly playground: Playground;
  /** GET (no body) or POST (body) under /playground/api; returns status and JSON. */
  api(path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  feed(persona: string, room?: number): Promise<PersonaFeed>;
  close(): Promise<void>;
}

export async function startPlaygroundService(env: Record<string, string> = {}): Promise<Running> {
  const config = loadConfig({ PORT: '0', NODE_ENV: 'test', ...env });
  expect(config.playground).toBe(true);
  const service = await startService(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  const playground = service.playground;
  if (!playground) throw new Error('the playground did not start');
  const api: Running['api'] = async (path, body) => {
    const res = await fetch(`${service.url}/playground/api${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  return {
    service,
    playground,
    api,
    async feed(persona, room = 1) {
      const res = await api(`/feed?persona=${persona}&room=${room}`);
      expect(res.status).toBe(200);
      return res.body as unknown as PersonaFeed;
    },
    close: () => service.stop(),
  };
}

/** Retries `check` until it passes (the bot answers after the ack). */
export const eventually = <T>(check: () => T | Promise<T>, timeout = 10_000) =>
  vi.waitFor(check, { timeout, interval: 50 });

/** Everything a reader of a Block Kit message or an Adaptive Card sees, as one string. */
export function textOf(node: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if ((k === 'text' || k === 'title') && typeof child === 'string') out.push(child);
        else walk(child);
      }
    }
  };
  walk(node);
  return out.join('\n');
}

export const itemText = (item: FeedItem): string =>
  [item.text, textOf(item.blocks), textOf(item.cards)].filter(Boolean).join('\n');

export const lastWith = (items: readonly FeedItem[], text: string): FeedItem | undefined =>
  items.filter((i) => itemText(i).includes(text)).at(-1);

/** Every Action.Execute of a card (top level, ActionSets, inside ShowCard forms). */
export function executes(card: unknown): { verb: string; data: Json }[] {
  const out: { verb: string; data: Json }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'Action.Execute') out.push({ verb: String(o.verb), data: o.data as Json });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The Slack elements (buttons, menus) of a message with this action id. */
export function elements(item: FeedItem | undefined, actionId: string): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown, blockId?: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, blockId);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      const id = typeof o.block_id === 'string' ? o.block_id : blockId;
      if (o.action_id === actionId) out.push({ ...o, block_id: id });
      for (const child of Object.values(o)) walk(child, id);
    }
  };
  walk(item?.blocks);
  return out;
}
