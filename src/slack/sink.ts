// How the dispatcher reaches Slack: messages to deal rooms, direct messages to people, and updates of
// every posted copy of a card. Timers and the other platform deliver through here too.
import type { PlatformSink } from '../core/dispatch.js';
import type { PersonRef, RoomRef } from '../core/ids.js';
import type { Store } from '../core/store-port.js';
import type { View } from '../core/views.js';
import type { Logger } from '../logger.js';
import type { Messenger } from './messenger.js';
import { renderView } from './render/render.js';
import { cardRef, parseCardRef } from './replies.js';

export interface SinkDeps {
  readonly messenger: Messenger;
  readonly store: Store;
  readonly logger: Logger;
  /** The workspace our bot token belongs to: the only one we can post in. */
  readonly team: string;
}

export function createSlackSink(d: SinkDeps): PlatformSink {
  /** Only this installation's workspace: a deal seen from another Slack workspace is not ours to post in. */
  const ours = (ref: { platform: string; workspace: string }, what: string): boolean => {
    if (ref.platform === 'slack' && ref.workspace === d.team) return true;
    d.logger.warn(
      { workspace: ref.workspace, what },
      'not delivering to a Slack workspace this bot is not installed in',
    );
    return false;
  };

  async function postCard(channel: string, view: View, cardKey: string | undefined): Promise<void> {
    // A busy DM lane (one person tagged far faster than Slack's ~1 post/s drains it) refuses the post:
    // find that out before rendering it (Block Kit rendering was ~3% of the server's CPU under load).
    d.messenger.roomToPost(channel);
    const [ts] = await d.messenger.post(channel, renderView(view, d.team));
    if (ts && cardKey && 'dealId' in view)
      await d.store.addCardRef(view.dealId, cardKey, cardRef(channel, ts));
  }

  return {
    async toRoom(room: RoomRef, view, cardKey) {
      if (ours(room, 'room')) await postCard(room.channel, view, cardKey);
    },
    async toPerson(person: PersonRef, view, cardKey) {
      if (!ours(person, 'person')) return;
      await postCard(await d.messenger.dmChannel(person.workspace, person.user), view, cardKey);
    },
    async update(u) {
      const refs = (await d.store.cardRefs(u.dealId, u.cardKey)).flatMap((r) => parseCardRef(r) ?? []);
      if (refs.length === 0) return;
      // A handoff card is one message (its note is capped well below one section).
      const [page] = renderView(u.view, d.team);
      if (!page) return;
      const results = await Promise.allSettled(refs.map((r) => d.messenger.update(r.channel, r.ts, page)));
      const failed = results.filter((r) => r.status === 'rejected');
      // One deleted message must not stop the others; the dispatcher logs what failed.
      if (failed.length > 0) {
        throw new AggregateError(
          failed.map((f) => (f as PromiseRejectedResult).reason),
          `${failed.length} of ${refs.length} copies of ${u.cardKey} could not be updated`,
        );
      }
    },
  };
}
