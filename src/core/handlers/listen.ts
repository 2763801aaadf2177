// listen on|off: whether plain messages in this room that mention teammates become tags.
import type { Command } from '../commands.js';
import { roomKey } from '../ids.js';
import type { Outcome } from '../outcome.js';
import { commitWrite, type Env, refuse } from '../runtime.js';
import { notice } from '../views.js';
import { requireDeal } from './deal.js';

export async function listen(env: Env, cmd: Extract<Command, { kind: 'listen' }>): Promise<Outcome> {
  const current = requireDeal(env);
  if (!('id' in current)) return current;
  if (!env.ctx.room) return refuse('Run listen in the deal room it should apply to.');
  const key = roomKey(env.ctx.room);
  const quiet = current.quietRooms ?? [];
  const isOn = !quiet.includes(key);
  if (isOn === cmd.on) {
    return refuse(`Listening is already ${cmd.on ? 'on' : 'off'} in this room.`);
  }
  const quietRooms = cmd.on ? quiet.filter((k) => k !== key) : [...quiet, key];
  await commitWrite(env, {
    deal: {
      state: { ...current, quietRooms, version: current.version + 1 },
      expectedVersion: current.version,
    },
  });
  const text = cmd.on
    ? `👂 ${env.ctx.actor.name} turned listening on: messages here that @mention teammates are recorded as tags.`
    : `🔇 ${env.ctx.actor.name} turned listening off: only tag commands are recorded here.`;
  return {
    reply: notice('info', text),
    visibility: 'room',
    notifications: [],
    updates: [],
    entries: [],
    dealId: current.id,
    readOnly: false,
  };
}

/** A passive tag applies only in a deal room that listens. */
export function overheardAllowed(env: Env): boolean {
  const deal = env.snap.deal;
  return Boolean(deal && env.ctx.room && !(deal.quietRooms ?? []).includes(roomKey(env.ctx.room)));
}
