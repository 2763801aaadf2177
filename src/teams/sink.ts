// The Teams side of the dispatcher: notifications to rooms and people, and updates of every posted
// copy of a card. Timers (SLA reminders) and the Slack side reach Teams through here.
import type { PlatformSink } from '../core/dispatch.js';
import type { Store } from '../core/store-port.js';
import type { View } from '../core/views.js';
import type { Logger } from '../logger.js';
import { cardActivity } from './activities.js';
import type { Proactive } from './proactive.js';
import { cardRef, parseCardRef } from './refs.js';
import { renderCard } from './render/render-card.js';

const dealOf = (view: View) => ('dealId' in view ? view.dealId : undefined);
/** The card as the conversation's tenant sees it: its own users as mentions, everyone else by name. */
const forTenant = (view: View) => (tenant: string) => cardActivity(renderCard(view, { tenant }));

export function createSink(proactive: Proactive, store: Store, logger: Logger): PlatformSink {
  /** A card that must stay current is remembered by the id sending returned. */
  async function keep(
    view: View,
    cardKey: string | undefined,
    conversationId: string,
    id: string | undefined,
  ) {
    const dealId = dealOf(view);
    if (!cardKey || !dealId) return;
    if (!id) {
      logger.warn({ cardKey }, 'Teams returned no activity id for a card; that copy cannot be updated');
      return;
    }
    await store.addCardRef(dealId, cardKey, cardRef(conversationId, id));
  }

  return {
    async toRoom(room, view, cardKey) {
      if (room.platform !== 'teams') return;
      const id = await proactive.send(room.channel, forTenant(view));
      await keep(view, cardKey, room.channel, id);
    },
    async toPerson(person, view, cardKey) {
      if (person.platform !== 'teams') return;
      const sent = await proactive.sendToPerson(person, forTenant(view));
      await keep(view, cardKey, sent.conversationId, sent.id);
    },
    async update(update) {
      const refs = (await store.cardRefs(update.dealId, update.cardKey)).flatMap((r) => {
        const parsed = parseCardRef(r);
        return parsed ? [parsed] : [];
      });
      if (refs.length === 0) return;
      const activity = forTenant(update.view);
      // Each copy on its own: one deleted message must not keep the others stale.
      const results = await Promise.allSettled(
        refs.map((r) => proactive.update(r.conversationId, r.activityId, activity)),
      );
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed.length) {
        logger.warn(
          {
            cardKey: update.cardKey,
            failed: failed.length,
            of: refs.length,
            err: (failed[0] as PromiseRejectedResult).reason,
          },
          'some Teams copies of a card could not be updated',
        );
      }
    },
  };
}
