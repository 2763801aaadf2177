// Workspace settings: the account-manager pool (round robin for `escalate @am`) and the managers
// who are escalation targets. Once managers exist, only they may change the settings.
import type { Command } from '../commands.js';
import { samePerson } from '../ids.js';
import type { Outcome } from '../outcome.js';
import { commitWrite, type Env, refuse, replyOnly, uniquePeople, workspaceOf } from '../runtime.js';
import { notice, personView } from '../views.js';

const MAX_LIST = 50;

export function showConfig(env: Env): Outcome {
  const { amPool, managers } = env.snap.config;
  const names = (list: readonly { name: string }[]) =>
    list.length ? list.map((p) => p.name).join(', ') : 'nobody yet';
  return replyOnly({
    ...notice(
      'info',
      `Account manager pool: ${names(amPool)}. Sales managers: ${names(managers)}. Change them with config am-pool @a @b and config managers @m.`,
    ),
    people: [...amPool, ...managers].map(personView),
  });
}

export async function setConfig(
  env: Env,
  cmd: Extract<Command, { kind: 'config-am-pool' | 'config-managers' }>,
): Promise<Outcome> {
  const { ctx, snap } = env;
  const current = snap.config;
  if (current.managers.length > 0 && !current.managers.some((m) => samePerson(m, ctx.actor))) {
    return refuse(
      `Only a sales manager (${current.managers.map((m) => m.name).join(', ')}) can change this workspace's Dealroom settings.`,
    );
  }
  const ws = workspaceOf(ctx);
  const people = uniquePeople(cmd.people);
  if (people.some((p) => p.platform !== ws.platform || p.workspace !== ws.workspace)) {
    return refuse('Only people of this workspace can be in its account manager pool or manager list.');
  }
  if (people.length > MAX_LIST) return refuse(`A list holds at most ${MAX_LIST} people.`);
  const next =
    cmd.kind === 'config-am-pool'
      ? { ...current, amPool: people, nextAm: 0, version: current.version + 1 }
      : { ...current, managers: people, version: current.version + 1 };
  await commitWrite(env, { config: { ws, state: next, expectedVersion: current.version } });
  const what = cmd.kind === 'config-am-pool' ? 'Account manager pool' : 'Sales managers';
  return {
    reply: {
      ...notice('success', `${what} set to ${people.map((p) => p.name).join(', ')}.`),
      people: people.map(personView),
    },
    visibility: 'private',
    notifications: [],
    updates: [],
    entries: [],
    readOnly: false,
  };
}
