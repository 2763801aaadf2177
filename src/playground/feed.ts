// What each persona would see, built only from what the fakes received (DESIGN.md §5: "What those
// fakes receive is what the page shows") plus what the personas typed themselves, which a real
// client shows too. Slack: channel messages (with chat.update applied), the persona's ephemerals and
// response_url answers, their DM with the bot, the modal their click opened. Teams: channel posts and
// replies (with updates applied), the persona's 1:1 chat, and the cards their clicks got back.
import type { Activity, ConnectorEvent, FakeConnector } from './fake-connector.js';
import type { FakeSlackApi, FakeSlackCall, FakeSlackMessage } from './fake-slack-api.js';
import type { Persona } from './personas.js';
import type { Room } from './rooms.js';

export interface FeedItem {
  /** Stable across polls, so the page re-renders only what changed. */
  readonly key: string;
  readonly seq: number;
  readonly from: 'bot' | 'person';
  readonly author: string;
  readonly text: string;
  /** Slack: only this persona sees it ("Only visible to you"). */
  readonly private?: boolean;
  /** Slack: a slash command this persona ran (Slack shows nobody, the playground shows its author). */
  readonly command?: boolean;
  readonly blocks?: unknown;
  /** Teams: the Adaptive Cards of the activity. */
  readonly cards?: unknown[];
  readonly edited?: boolean;
  /** Teams: the card this persona's click got back (the invoke response), shown in place. */
  readonly answered?: boolean;
  readonly reactions?: string[];
  /** Where a click on this item goes. */
  readonly slack?: { readonly channel: string; readonly ts: string; readonly ephemeral: boolean };
  readonly teams?: { readonly conversationId: string; readonly activityId: string };
}

export interface OpenModal {
  readonly id: string;
  readonly view: unknown;
}

export interface PersonaFeed {
  readonly version: string;
  readonly slack: { readonly channel: FeedItem[]; readonly dm: FeedItem[]; readonly modal: OpenModal | null };
  readonly teams: { readonly channel: FeedItem[]; readonly dm: FeedItem[] };
}

interface Post {
  readonly seq: number;
  readonly platform: 'slack' | 'teams';
  readonly persona: Persona;
  /** Slack channel id, or Teams conversation id without the thread suffix. */
  readonly where: string;
  readonly text: string;
  readonly command: boolean;
  /** Slack message ts / Teams activity id. */
  readonly id: string;
  /** Teams: the conversation the post was made in (thread suffix included). */
  readonly conversationId?: string;
}

interface TeamsMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly base: string;
  readonly seq: number;
  activity: Activity;
  changedSeq: number;
  edited: boolean;
  deleted: boolean;
}

/** A long session stays light to poll: each list shows its newest items. */
const MAX_ITEMS = 150;
const base = (conversationId: string) => conversationId.split(';')[0] ?? conversationId;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const newest = (items: FeedItem[]) => items.sort((a, b) => a.seq - b.seq).slice(-MAX_ITEMS);
const cardsOf = (activity: { attachments?: { contentType?: string; content?: unknown }[] }) =>
  (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);

/** The bot's DM channel with a person: the fake Slack API's conversations.open answers `D<user>`. */
export const personalSlackChannel = (p: Persona): string => `D${p.slack.id}`;

/**
 * A 1:1 chat the person opens with the bot (Teams gives it an `a:` id); one the bot opens first
 * comes from the fake connector's createConversation instead, and the feed shows both.
 */
export const ownTeamsChat = (p: Persona): string => `a:playground-chat-${p.key}`;

export class Feed {
  private seq = 0;
  private changes = 0;
  private readonly callSeq = new WeakMap<FakeSlackCall, number>();
  private readonly messageCall = new WeakMap<FakeSlackMessage, FakeSlackCall>();
  private callsSeen = 0;
  private messagesSeen = 0;
  private readonly eventSeq = new WeakMap<ConnectorEvent, number>();
  private eventsSeen = 0;
  private readonly posts: Post[] = [];
  private readonly answers = new Map<string, { seq: number; card: unknown }>();
  private readonly submitted = new Set<string>();

  constructor(
    private readonly slack: FakeSlackApi,
    private readonly connector: FakeConnector,
    private readonly personaOfTrigger: (triggerId: string) => string | undefined,
  ) {}

  /**
   * Numbers everything the fakes received since the last call, in arrival order. Called before a
   * post is recorded and before a feed is read, so one sequence orders both platforms' items and
   * what people typed.
   */
  private sync(): void {
    const calls = this.slack.calls;
    const messages = this.slack.messages();
    for (; this.callsSeen < calls.length; this.callsSeen++) {
      const call = calls[this.callsSeen] as FakeSlackCall;
      this.callSeq.set(call, ++this.seq);
      // The fake keeps one message per successful chat.postMessage, in the same order.
      if (call.method === 'chat.postMessage' && call.ok && this.messagesSeen < messages.length) {
        this.messageCall.set(messages[this.messagesSeen++] as FakeSlackMessage, call);
      }
    }
    const events = this.connector.events;
    for (; this.eventsSeen < events.length; this.eventsSeen++) {
      this.eventSeq.set(events[this.eventsSeen] as ConnectorEvent, ++this.seq);
    }
  }

  /** Something a persona typed (a `/deal` command, a channel message), in order with the bot's answers. */
  recordPost(post: Omit<Post, 'seq'>): void {
    this.sync();
    this.posts.push({ ...post, seq: ++this.seq });
    this.changes++;
  }

  /** The card an Action.Execute click got back: shown to the clicker in place of the card clicked. */
  recordAnswer(persona: Persona, activityId: string, card: unknown): void {
    this.sync();
    this.answers.set(`${persona.key}|${activityId}`, { seq: ++this.seq, card });
    this.changes++;
  }

  /** A modal that was submitted (Slack closed it). */
  closeModal(id: string): void {
    this.submitted.add(id);
    this.changes++;
  }

  /** The persona's 1:1 chat with the bot: the one the bot opened, else the one the person opens. */
  teamsChatOf(p: Persona): string {
    return this.teamsChats(p)[1] ?? ownTeamsChat(p);
  }

  /** Every 1:1 chat of the persona with the bot (their own first). */
  teamsChats(p: Persona): string[] {
    const chats = [ownTeamsChat(p)];
    for (const e of this.connector.events) {
      if (e.kind !== 'create-conversation') continue;
      const members = Array.isArray(e.parameters.members) ? (e.parameters.members as { id?: unknown }[]) : [];
      if (members.length === 1 && members[0]?.id === p.teams.id && !chats.includes(e.id)) chats.push(e.id);
    }
    return chats;
  }

  /** Changes whenever anything a feed shows may have changed: the page skips identical polls. */
  version(): string {
    return `${this.slack.calls.length}.${this.connector.events.length}.${this.changes}`;
  }

  /** The Slack personal conversations and Teams 1:1 chats are per persona; channels are per room. */
  forPersona(p: Persona, room: Room): PersonaFeed {
    const version = this.version();
    this.sync();
    return { version, slack: this.slackFeed(p, room), teams: this.teamsFeed(p, room) };
  }

  private slackFeed(p: Persona, room: Room): PersonaFeed['slack'] {
    const channel: FeedItem[] = [];
    const dm: FeedItem[] = [];
    const dmChannel = personalSlackChannel(p);
    const listOf = (id: unknown) => (id === room.slack.id ? channel : id === dmChannel ? dm : null);
    const seqOf = (c: FakeSlackCall) => this.callSeq.get(c) ?? 0;
    for (const m of this.slack.messages()) {
      const call = this.messageCall.get(m);
      listOf(m.channel)?.push({
        key: `s:${m.channel}:${m.ts}`,
        seq: call ? seqOf(call) : 0,
        from: 'bot',
        author: 'Dealroom',
        text: m.text,
        blocks: m.blocks,
        edited: m.updates > 0,
        slack: { channel: m.channel, ts: m.ts, ephemeral: false },
      });
    }
    const reactions = new Map<string, string[]>();
    let modal: OpenModal | null = null;
    this.slack.calls.forEach((call, i) => {
      const a = call.args;
      const seq = seqOf(call);
      if (!call.ok) return;
      if (call.method === 'chat.postEphemeral' && a.user === p.slack.id) {
        listOf(a.channel)?.push(this.ephemeral(`se:${i}`, seq, str(a.channel), str(a.text), a.blocks));
      } else if (call.method === 'response_url') {
        const [who, where] = str(a.response_id).split('.');
        const list = listOf(where);
        if (!list || !where) return;
        if (a.response_type === 'in_channel') {
          list.push({
            key: `sr:${i}`,
            seq,
            from: 'bot',
            author: 'Dealroom',
            text: str(a.text),
            blocks: a.blocks,
            slack: { channel: where, ts: `${seq}.000000`, ephemeral: false },
          });
        } else if (who === p.key) list.push(this.ephemeral(`sr:${i}`, seq, where, str(a.text), a.blocks));
      } else if (call.method === 'reactions.add') {
        const key = `${str(a.channel)}:${str(a.timestamp)}`;
        reactions.set(key, [...(reactions.get(key) ?? []), str(a.name)]);
      } else if (call.method === 'views.open' && this.personaOfTrigger(str(a.trigger_id)) === p.key) {
        const id = `VPG${i}`;
        if (!this.submitted.has(id)) modal = { id, view: a.view };
      }
    });
    for (const post of this.posts) {
      const list = post.platform === 'slack' ? listOf(post.where) : null;
      // A slash command is seen by nobody in Slack; here its author sees it, to follow along.
      if (!list || ((post.command || list === dm) && post.persona.key !== p.key)) continue;
      const reacted = reactions.get(`${post.where}:${post.id}`);
      list.push({
        key: `p:${post.seq}`,
        seq: post.seq,
        from: 'person',
        author: post.persona.name,
        text: post.text,
        ...(post.command ? { command: true, private: true } : {}),
        ...(reacted ? { reactions: reacted } : {}),
      });
    }
    return { channel: newest(channel), dm: newest(dm), modal };
  }

  private ephemeral(key: string, seq: number, channel: string, text: string, blocks: unknown): FeedItem {
    return {
      key,
      seq,
      from: 'bot',
      author: 'Dealroom',
      text,
      blocks,
      private: true,
      slack: { channel, ts: `${seq}.000000`, ephemeral: true },
    };
  }

  private teamsFeed(p: Persona, room: Room): PersonaFeed['teams'] {
    const messages = new Map<string, TeamsMessage>();
    const personal = new Set<string>(this.teamsChats(p));
    for (const e of this.connector.events) {
      const seq = this.eventSeq.get(e) ?? 0;
      if (e.kind === 'send') {
        messages.set(e.id, {
          id: e.id,
          conversationId: e.conversationId,
          base: base(e.conversationId),
          seq,
          activity: e.activity,
          changedSeq: seq,
          edited: false,
          deleted: false,
        });
      } else if (e.kind === 'update') {
        const m = messages.get(e.activityId);
        if (m) Object.assign(m, { activity: e.activity, changedSeq: seq, edited: true });
      } else if (e.kind === 'delete') {
        const m = messages.get(e.activityId);
        if (m) m.deleted = true;
      }
    }
    const channel: FeedItem[] = [];
    const dm: FeedItem[] = [];
    for (const m of messages.values()) {
      const inRoom = m.base === room.teams.id;
      if (m.deleted || (!inRoom && !personal.has(m.base))) continue;
      const answer = this.answers.get(`${p.key}|${m.id}`);
      const answered = answer !== undefined && answer.seq > m.changedSeq;
      (inRoom ? channel : dm).push({
        key: `t:${m.id}`,
        seq: m.seq,
        from: 'bot',
        author: 'Dealroom',
        text: str(m.activity.text),
        cards: answered ? [answer.card] : cardsOf(m.activity),
        edited: m.edited,
        ...(answered ? { answered: true } : {}),
        teams: { conversationId: m.conversationId, activityId: m.id },
      });
    }
    for (const post of this.posts) {
      if (post.platform !== 'teams') continue;
      const inRoom = post.where === room.teams.id;
      if (!inRoom && !(personal.has(post.where) && post.persona.key === p.key)) continue;
      (inRoom ? channel : dm).push({
        key: `p:${post.seq}`,
        seq: post.seq,
        from: 'person',
        author: post.persona.name,
        text: post.text,
        teams: { conversationId: post.conversationId ?? post.where, activityId: post.id },
      });
    }
    return { channel: newest(channel), dm: newest(dm) };
  }
}
