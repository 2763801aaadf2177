// The Slack Web API calls Dealroom makes to show things, each through the per-channel outbox.
import type { webApi } from '@slack/bolt';
import type { Store } from '../core/store-port.js';
import type { Outbox } from './outbox.js';
import type { SlackMessage } from './render/render.js';

const DM_CHANNELS = 'slack-dm';
/**
 * A person's DM channel with the bot never changes: a process-local copy saves a Redis read per
 * notification. The cap bounds memory (oldest first out).
 */
const DM_LOCAL_MAX = 10_000;
/** Bounded, like every call that waits on someone else's server. */
const RESPOND_TIMEOUT_MS = 5_000;

export interface Messenger {
  /**
   * Throws OutboxFullError (counted and logged as a refused post) when `channel`'s send queue is full:
   * checked before rendering a message that post would only refuse.
   */
  roomToPost(channel: string): void;
  /** Posts the pages in order; returns each page's message ts. */
  post(channel: string, pages: readonly SlackMessage[]): Promise<string[]>;
  ephemeral(channel: string, user: string, pages: readonly SlackMessage[]): Promise<void>;
  update(channel: string, ts: string, page: SlackMessage): Promise<void>;
  /** The bot's direct-message channel with a user (conversations.open, remembered in the store). */
  dmChannel(team: string, user: string): Promise<string>;
  permalink(channel: string, ts: string): Promise<string>;
  react(channel: string, ts: string, emoji: string): Promise<void>;
  /** Joins a public channel; false where the bot cannot join by itself (private channels). */
  join(channel: string): Promise<boolean>;
  /** Slack's response_url: works even where the bot may not post (a channel it is not in). */
  respond(url: string, page: SlackMessage, visibility: 'ephemeral' | 'in_channel'): Promise<void>;
}

/** The `error` of a Slack platform error (`not_in_channel`, `name_taken`, …), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; data?: { error?: unknown } } | null;
  return e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string'
    ? e.data.error
    : undefined;
}

export function createMessenger(client: webApi.WebClient, outbox: Outbox, store: Store): Messenger {
  const blocks = (page: SlackMessage) => page.blocks as unknown as webApi.KnownBlock[];
  const dms = new Map<string, string>();
  const rememberDm = (key: string, id: string) => {
    if (dms.size >= DM_LOCAL_MAX) dms.delete(dms.keys().next().value as string);
    dms.set(key, id);
    return id;
  };
  return {
    roomToPost(channel) {
      outbox.admit(channel);
    },
    async post(channel, pages) {
      const out: string[] = [];
      for (const page of pages) {
        const res = await outbox.send(channel, 'post', () =>
          client.chat.postMessage({ channel, text: page.text, blocks: blocks(page), unfurl_links: false }),
        );
        out.push(String(res.ts));
      }
      return out;
    },
    async ephemeral(channel, user, pages) {
      for (const page of pages) {
        await outbox.send(channel, 'other', () =>
          client.chat.postEphemeral({ channel, user, text: page.text, blocks: blocks(page) }),
        );
      }
    },
    async update(channel, ts, page) {
      await outbox.send(channel, 'other', () =>
        client.chat.update({ channel, ts, text: page.text, blocks: blocks(page) }),
      );
    },
    async dmChannel(team, user) {
      const key = `${team}:${user}`;
      const local = dms.get(key);
      if (local) return local;
      const known = await store.getRef(DM_CHANNELS, key);
      if (known) return rememberDm(key, known);
      const res = await outbox.send('conversations.open', 'other', () =>
        client.conversations.open({ users: user }),
      );
      const id = res.channel?.id;
      if (!id) throw new Error('conversations.open returned no channel');
      await store.putRef(DM_CHANNELS, key, id);
      return rememberDm(key, id);
    },
    async permalink(channel, ts) {
      const res = await outbox.send(channel, 'other', () =>
        client.chat.getPermalink({ channel, message_ts: ts }),
      );
      return String(res.permalink ?? '');
    },
    async react(channel, ts, emoji) {
      await outbox.send(channel, 'other', () =>
        client.reactions.add({ channel, timestamp: ts, name: emoji }),
      );
    },
    async join(channel) {
      try {
        await outbox.send(channel, 'other', () => client.conversations.join({ channel }));
        return true;
      } catch (error) {
        // Private channels and DMs cannot be joined: someone has to /invite the bot.
        if (slackErrorCode(error) === undefined) throw error;
        return false;
      }
    },
    async respond(url, page, visibility) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: visibility, text: page.text, blocks: page.blocks }),
        signal: AbortSignal.timeout(RESPOND_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
    },
  };
}
