// The rooms of a deal: link (same workspace by deal code, anywhere by a one-time code), share (issue
// such a code), unlink. Linking a room of another platform or workspace is how one deal gets a Slack
// room and a Teams room that share one timeline.
import type { Command } from '../commands.js';
import { pendingHandoffs, reachable, touch, withMember } from '../deal-ops.js';
import { type RoomRef, roomKey, sameRoom } from '../ids.js';
import { LINK_CODE_TTL_MS, linkCodeHash } from '../link-code.js';
import type { Deal, TimelineEntry } from '../model.js';
import type { Outcome } from '../outcome.js';
import {
  commitOrRetry,
  commitWrite,
  dealVisibleFrom,
  type Env,
  refuse,
  roomChange,
  toOtherRooms,
  withIds,
} from '../runtime.js';
import type { Commit } from '../store-port.js';
import { summaryView } from '../view-builders.js';
import { formatWhen, notice } from '../views.js';
import { requireDeal } from './deal.js';

const platformName = (room: RoomRef): string => (room.platform === 'slack' ? 'Slack' : 'Teams');

export const LINK_CODE_UNKNOWN =
  "That link code is unknown or has expired: codes work for 15 minutes. Ask for a new one with share in the deal's room.";
export const LINK_CODE_USED =
  "That link code was already used: each code links one room. Ask for a new one with share in the deal's room.";
const LINK_CODE_GONE =
  "That link code is no longer valid: another channel has just used it, or it has just expired. Ask for a new one with share in the deal's room.";
const TAKEN = 'This channel is already the room of another deal. One channel holds one deal.';

function roomOf(env: Env): RoomRef | Outcome {
  return (
    env.ctx.room ??
    refuse('Link a channel, not a direct message: run link in the channel that should join the deal.')
  );
}

/** Binds `room` to `current` with whatever else the commit must check (a code's one use). */
async function join(
  env: Env,
  current: Deal,
  room: RoomRef,
  extra: Pick<Commit, 'codeUse'>,
): Promise<Outcome> {
  const { ctx, now } = env;
  if (current.rooms.some((r) => sameRoom(r, room))) {
    return refuse(`This channel is already the room of deal ${current.id}.`);
  }
  const deal = touch(withMember({ ...current, rooms: [...current.rooms, room] }, ctx.actor, null, now), now);
  const entries: TimelineEntry[] = [{ kind: 'room-linked', at: now, actor: ctx.actor, via: ctx.via, room }];
  const ids = await commitOrRetry(env, {
    deal: { state: { ...deal, version: current.version + 1 }, expectedVersion: current.version },
    entries,
    bindRooms: [{ room, dealId: deal.id }],
    ...extra,
  });
  if (ids === 'room-taken') return refuse(TAKEN);
  // Between our read and our commit, another room used the code or it ran out.
  if (ids === 'gone') return refuse(LINK_CODE_GONE);
  const where =
    room.platform === current.home.platform ? 'another channel' : `a ${platformName(room)} channel`;
  return {
    reply: summaryView(
      deal,
      env.snap.handoffs,
      `${ctx.actor.name} linked this channel to deal ${deal.id} "${deal.name}". Everything recorded here or in the deal's other rooms is on one timeline.`,
    ),
    visibility: 'room',
    notifications: toOtherRooms(
      deal,
      room,
      notice('info', `${ctx.actor.name} linked ${where} to this deal; it shares this deal's timeline.`),
    ),
    updates: [],
    entries: withIds(entries, ids),
    dealId: deal.id,
    readOnly: false,
  };
}

/** `link D-XXXXXX`: a deal visible from this workspace (its own, or one already shared with it). */
export async function linkRoom(env: Env, cmd: Extract<Command, { kind: 'link' }>): Promise<Outcome> {
  const room = roomOf(env);
  if (!('channel' in room)) return room;
  const current = env.snap.deal;
  // Deals of other workspaces are indistinguishable from unknown codes: no probing across tenants.
  if (!current || !dealVisibleFrom(current, room)) {
    return refuse(
      `There is no deal ${cmd.dealId} in this workspace. To link a room on the other platform or in another Teams tenant, run share in the deal's room and use the one-time code it gives.`,
    );
  }
  return join(env, current, room, {});
}

/** `link <one-time code>`: any platform, any workspace; the code is used up by the same commit. */
export async function linkByCode(env: Env, cmd: Extract<Command, { kind: 'link-code' }>): Promise<Outcome> {
  const room = roomOf(env);
  if (!('channel' in room)) return room;
  const current = env.snap.deal;
  if (!current) return refuse(LINK_CODE_UNKNOWN);
  return join(env, current, room, { codeUse: { hash: linkCodeHash(cmd.code), dealId: current.id } });
}

export async function share(env: Env): Promise<Outcome> {
  const deal = requireDeal(env);
  if (!('id' in deal)) return deal;
  const { ctx, now } = env;
  const code = env.newLinkCode();
  const expiresAt = now + LINK_CODE_TTL_MS;
  const entries: TimelineEntry[] = [
    { kind: 'room-shared', at: now, actor: ctx.actor, via: ctx.via, expiresAt },
  ];
  const ids = await commitWrite(env, {
    timelineOf: deal.id,
    entries,
    codeIssue: { hash: linkCodeHash(code.canonical), dealId: deal.id, ttlMs: LINK_CODE_TTL_MS },
  });
  return {
    reply: notice(
      'info',
      `One-time link code for deal ${deal.id} "${deal.name}": ${code.display}\nIn the channel that should join this deal (on the other platform, another channel, or another Teams tenant) type: link ${code.display} — with /deal on Slack, or after @Dealroom on Teams. The code links one channel and expires at ${formatWhen(expiresAt)} (15 minutes).`,
    ),
    // Confidential: whoever holds the code can join the deal, so only the person who asked sees it.
    visibility: 'private',
    confidential: true,
    notifications: [],
    updates: [],
    entries: withIds(entries, ids),
    dealId: deal.id,
    readOnly: false,
  };
}

export async function unlink(env: Env): Promise<Outcome> {
  const current = requireDeal(env);
  if (!('id' in current)) return current;
  const { ctx, now } = env;
  const room = ctx.room;
  if (!room) return refuse('Run unlink in the deal room that should leave the deal.');
  if (current.rooms.length <= 1) {
    return refuse(
      "This channel is the deal's only room, so unlinking it would leave the deal with no room. Close the deal instead (stage close won|lost), or link another room first.",
    );
  }
  const key = roomKey(room);
  const { quietRooms, ...rest } = current;
  const quiet = (quietRooms ?? []).filter((k) => k !== key);
  const deal: Deal = {
    ...touch(rest, now),
    rooms: current.rooms.filter((r) => !sameRoom(r, room)),
    ...(quiet.length ? { quietRooms: quiet } : {}),
    version: current.version + 1,
  };
  // A pending handoff to or from someone the deal would no longer reach could never be answered (or
  // its answer never told): it is settled first.
  const stranded = pendingHandoffs(env.snap.handoffs).find(
    (h) => !reachable(deal, h.to) || !reachable(deal, h.from),
  );
  if (stranded) {
    return refuse(
      `The handoff from ${stranded.from.name} to ${stranded.to.name} is still waiting, and this channel's team would lose the deal; accept, decline or reassign it before unlinking.`,
    );
  }
  const entries: TimelineEntry[] = [{ kind: 'room-unlinked', at: now, actor: ctx.actor, via: ctx.via, room }];
  const ids = await commitWrite(env, {
    deal: { state: deal, expectedVersion: current.version },
    entries,
    unbindRooms: [{ room, dealId: deal.id }],
  });
  const outcome = roomChange(
    env,
    deal,
    notice(
      'info',
      `${ctx.actor.name} unlinked this channel from deal ${deal.id} "${deal.name}". The deal and its timeline carry on in its other rooms.`,
    ),
    entries,
    ids,
  );
  // The room that left is no longer among the deal's rooms; the others hear it with their own text.
  return {
    ...outcome,
    notifications: toOtherRooms(
      deal,
      room,
      notice('info', `${ctx.actor.name} unlinked a ${platformName(room)} channel from this deal.`),
    ),
  };
}
