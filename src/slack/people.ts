// Display names for Slack users, from users.info, cached in the store for a day (shared by replicas)
// and de-duplicated while a lookup is in flight. The names Slack puts in payloads (`user_name`, the
// `ann` of `<@U1|ann>`) are legacy handles, not display names: used only when users.info fails, so
// one person reads the same everywhere ("Ann Lee accepted…", not "ann" here and "Ann Lee" there).
import type { webApi } from '@slack/bolt';
import type { Store } from '../core/store-port.js';
import type { Logger } from '../logger.js';

const NAMES = 'slack-user-name';
const NAME_TTL_MS = 24 * 3_600_000;
/**
 * Names are on every command's hot path (the actor and each mention): a process-local copy saves a
 * Redis read each, and remembering a failed lookup stops a burst from hammering users.info. Ten
 * minutes bounds how stale a renamed person can read; the cap bounds memory.
 */
const LOCAL_TTL_MS = 10 * 60_000;
const FAILED_TTL_MS = 5 * 60_000;
const LOCAL_MAX = 10_000;

export interface People {
  /** The cached display name, else users.info's, else `hint` (a handle Slack gave), else the id. */
  nameOf(team: string, user: string, hint?: string): Promise<string>;
}

interface UserInfo {
  readonly name?: string;
  readonly real_name?: string;
  readonly profile?: { readonly display_name?: string; readonly real_name?: string };
}

export function createPeople(client: webApi.WebClient, store: Store, logger: Logger): People {
  const inFlight = new Map<string, Promise<string | null>>();
  const local = new Map<string, { readonly name: string | null; readonly until: number }>();
  const remember = (key: string, name: string | null) => {
    if (local.size >= LOCAL_MAX) local.delete(local.keys().next().value as string);
    local.set(key, { name, until: Date.now() + (name === null ? FAILED_TTL_MS : LOCAL_TTL_MS) });
    return name;
  };

  async function lookUp(key: string, user: string): Promise<string | null> {
    const cached = await store.getRef(NAMES, key);
    if (cached) return remember(key, cached);
    try {
      const res = await client.users.info({ user });
      const u = res.user as UserInfo | undefined;
      const name = u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name;
      if (!name) return remember(key, null);
      await store.putRef(NAMES, key, name, NAME_TTL_MS);
      return remember(key, name);
    } catch (error) {
      // A name is informative only: a failed lookup must not fail the command.
      logger.warn({ err: error, user }, 'users.info failed; using the name Slack gave, or the id');
      return remember(key, null);
    }
  }

  return {
    async nameOf(team, user, hint) {
      const key = `${team}:${user}`;
      const hit = local.get(key);
      if (hit && hit.until > Date.now()) return hit.name ?? (hint?.trim() || user);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = lookUp(key, user).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return (await pending) ?? (hint?.trim() || user);
    },
  };
}
