// timeline, inbox and done: reading the deal's history and one's own open items.
import type { Command } from '../commands.js';
import { parseTagInboxId, type TimelineEntry } from '../model.js';
import type { Outcome } from '../outcome.js';
import { committed, type Env, refuse, replyOnly, withIds } from '../runtime.js';
import { inboxView, timelineView } from '../view-builders.js';
import { INBOX_LIMITS } from '../views.js';
import { requireDeal } from './deal.js';

export const TIMELINE_PAGE = 10;
/** Cursors are stream ids; anything else from a button payload is refused, not passed to Redis. */
const CURSOR = /^\d{1,16}-\d{1,16}$/;

export async function timeline(env: Env, cmd: Extract<Command, { kind: 'timeline' }>): Promise<Outcome> {
  const deal = requireDeal(env);
  if (!('id' in deal)) return deal;
  for (const c of [cmd.before, cmd.after]) {
    if (c !== undefined && !CURSOR.test(c))
      return refuse('That timeline page link is not valid any more; run timeline again.');
  }
  const page = await env.store.timeline(deal.id, {
    filter: cmd.filter,
    limit: TIMELINE_PAGE,
    ...(cmd.before ? { before: cmd.before } : {}),
    ...(cmd.after ? { after: cmd.after } : {}),
  });
  return replyOnly(timelineView(deal, cmd.filter, page), 'private', deal.id);
}

export async function inbox(env: Env): Promise<Outcome> {
  return replyOnly(
    inboxView(env.ctx.actor, await env.store.inboxPage(env.ctx.actor, INBOX_LIMITS[env.ctx.actor.platform])),
  );
}

export async function done(env: Env, cmd: Extract<Command, { kind: 'done' }>): Promise<Outcome> {
  const { ctx, now } = env;
  if (cmd.itemId.startsWith('handoff:')) {
    return refuse('A handoff leaves your inbox when you accept, decline or reassign it.');
  }
  const tag = parseTagInboxId(cmd.itemId);
  const gone = 'That item is not open in your inbox (it may already be done).';
  if (!tag) return refuse(gone);
  const entry: TimelineEntry = {
    kind: 'tag-done',
    at: now,
    actor: ctx.actor,
    via: ctx.via,
    tagId: tag.tagId,
  };
  // One write, valid only while the item is open in the actor's own inbox: that is what makes the
  // deal named in the id theirs to write to, and a second click a no-op.
  // The list the click answers with is read by the same commit: one round trip.
  const result = await committed(env, {
    timelineOf: tag.dealId,
    entries: [entry],
    requireInbox: { owner: ctx.actor, itemId: cmd.itemId },
    inboxRemove: [{ owner: ctx.actor, itemId: cmd.itemId }],
    readInbox: { owner: ctx.actor, limit: INBOX_LIMITS[ctx.actor.platform] },
  });
  if (typeof result === 'string') return refuse(gone);
  const rest = result.inbox ?? (await env.store.inboxPage(ctx.actor, INBOX_LIMITS[ctx.actor.platform]));
  return {
    reply: inboxView(ctx.actor, rest),
    visibility: 'private',
    notifications: [],
    updates: [],
    entries: withIds([entry], result.entryIds),
    dealId: tag.dealId,
    readOnly: false,
  };
}
