// Slack re-delivers an event it thinks went unanswered (x-slack-retry-num; Bolt does not de-duplicate)
// and a person may submit a form twice. Writes are kept from applying twice by the core itself: the
// delivery's id goes into the commit (RequestOptions.once), so a retry of a request that committed
// comes back `duplicate`, and one that failed before committing runs again. What the bot *says* is
// kept from repeating here: the first delivery claims the id before it runs, so a later one knows it
// is a repeat and stays quiet unless it is the one that wrote something.
import type { RequestOptions } from '../core/core.js';
import type { Store } from '../core/store-port.js';

/** Slack retries for about an hour at most (immediately, after 1 min, after 5 min). */
const SEEN_TTL_MS = 3_600_000;

export interface Delivery {
  readonly options: RequestOptions;
  /** True when this id was seen before: answer only if this delivery is the one that wrote. */
  readonly repeat: boolean;
}

export async function delivery(store: Store, source: string, id: string): Promise<Delivery> {
  const first = await store.claimOnce(`${source}-seen`, id, SEEN_TTL_MS);
  return { options: { once: { source, id } }, repeat: !first };
}
