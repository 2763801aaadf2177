// The small records Teams needs to talk first (proactive messages) and to find cards again:
// conversation references (stored on every inbound activity and on install), each person's 1:1
// conversation, and where a tenant's Bot Framework service lives. Values are JSON, checked on read.
import type { Activity, ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { type PersonRef, personKey, type WorkspaceId } from '../core/ids.js';
import type { Store } from '../core/store-port.js';
import type { Logger } from '../logger.js';
import { baseConversationId, personOf, tenantOf } from './context.js';
import { TEAMS_REF } from './paths.js';

const NS = { conversation: 'teams:conv', personal: 'teams:dm', tenant: 'teams:tenant' } as const;

const Account = z.object({ id: z.string().min(1), name: z.string().optional() });
const StoredConversation = z.object({
  serviceUrl: z.string().url(),
  tenantId: z.string().min(1),
  conversationId: z.string().min(1),
  conversationType: z.string().optional(),
  bot: Account,
});
export type StoredConversation = z.infer<typeof StoredConversation>;
const TenantService = z.object({ serviceUrl: z.string().url(), bot: Account });
export type TenantService = z.infer<typeof TenantService>;

/** Card refs share one set with Slack's, so ours are prefixed; ids are encoded (they contain ':'). */
const CARD_REF = /^teams:([^:]+):([^:]+)$/;
export const cardRef = (conversationId: string, activityId: string): string =>
  `${TEAMS_REF}${encodeURIComponent(conversationId)}:${encodeURIComponent(activityId)}`;
export function parseCardRef(ref: string): { conversationId: string; activityId: string } | null {
  const m = CARD_REF.exec(ref);
  if (!m?.[1] || !m[2]) return null;
  try {
    return { conversationId: decodeURIComponent(m[1]), activityId: decodeURIComponent(m[2]) };
  } catch {
    return null;
  }
}

/** A reference botbuilder can continue: posts go to `conversationId` (a thread, when suffixed). */
export function toReference(
  c: StoredConversation,
  conversationId = c.conversationId,
): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: c.serviceUrl,
    bot: { id: c.bot.id, name: c.bot.name ?? '' },
    conversation: {
      id: conversationId,
      tenantId: c.tenantId,
      isGroup: c.conversationType !== 'personal',
      conversationType: c.conversationType ?? 'channel',
      name: '',
    },
  };
}

// A channel sees thousands of messages with the same reference: remember what was written and skip
// identical rewrites (bounded, so a long-running process does not grow without limit).
const WRITTEN_MAX = 5_000;

export class TeamsRefs {
  private readonly written = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  private async put(ns: string, key: string, value: string): Promise<void> {
    const k = `${ns}|${key}`;
    if (this.written.get(k) === value) return;
    await this.store.putRef(ns, key, value);
    if (this.written.size >= WRITTEN_MAX) this.written.clear();
    this.written.set(k, value);
  }

  private async get<T>(ns: string, key: string, schema: z.ZodType<T>): Promise<T | null> {
    const raw = await this.store.getRef(ns, key);
    if (raw === null) return null;
    try {
      return schema.parse(JSON.parse(raw));
    } catch (error) {
      this.logger.warn({ err: error, ns, key }, 'ignoring an unreadable Teams reference');
      return null;
    }
  }

  /** Called for every inbound activity: its conversation, the tenant's service, a 1:1 chat's owner. */
  async remember(activity: Partial<Activity>): Promise<void> {
    const tenantId = tenantOf(activity);
    const id = activity.conversation?.id;
    const bot = activity.recipient;
    if (!tenantId || !id || !bot?.id || !activity.serviceUrl) return;
    const stored: StoredConversation = {
      serviceUrl: activity.serviceUrl,
      tenantId,
      conversationId: baseConversationId(id),
      conversationType: activity.conversation?.conversationType,
      bot: { id: bot.id, ...(bot.name ? { name: bot.name } : {}) },
    };
    const parsed = StoredConversation.safeParse(stored);
    if (!parsed.success) return;
    await this.rememberConversation(parsed.data);
    const from = activity.from;
    if (stored.conversationType === 'personal' && from?.id && !from.id.startsWith('28:')) {
      await this.put(NS.personal, personKey(personOf(tenantId as WorkspaceId, from)), stored.conversationId);
    }
  }

  async rememberConversation(c: StoredConversation): Promise<void> {
    await this.put(NS.conversation, c.conversationId, JSON.stringify(c));
    await this.put(NS.tenant, c.tenantId, JSON.stringify({ serviceUrl: c.serviceUrl, bot: c.bot }));
  }

  async rememberPersonal(person: PersonRef, conversationId: string): Promise<void> {
    await this.put(NS.personal, personKey(person), conversationId);
  }

  conversation(conversationId: string): Promise<StoredConversation | null> {
    return this.get(NS.conversation, baseConversationId(conversationId), StoredConversation);
  }

  personalConversation(person: PersonRef): Promise<string | null> {
    return this.store.getRef(NS.personal, personKey(person));
  }

  tenant(tenantId: string): Promise<TenantService | null> {
    return this.get(NS.tenant, tenantId, TenantService);
  }
}
