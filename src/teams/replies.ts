// The answer to a typed command, inside the turn. Teams has no ephemeral messages, so a private reply
// in a channel or group chat is posted in the same thread but opens by naming (mentioning) its reader;
// the room is the deal room, so it shows nothing the room may not see. The inbox is the exception:
// it lists items across deals, so it goes to the person's 1:1 chat and the thread gets a pointer.
import type { TurnContext } from 'botbuilder';
import type { Outcome } from '../core/outcome.js';
import { notice } from '../core/views.js';
import { cardActivity } from './activities.js';
import type { TeamsTurn } from './context.js';
import { cardRef } from './refs.js';
import { renderCard } from './render/render-card.js';
import { dispatchLater, type TeamsRuntime } from './runtime.js';

/**
 * Replies that must not be shown in a room even to their reader: the inbox concerns other deals too,
 * and a confidential reply (a link code) is for its reader alone.
 */
const personalOnly = (outcome: Outcome) => outcome.reply.kind === 'inbox' || outcome.confidential === true;

export async function sendReply(rt: TeamsRuntime, context: TurnContext, turn: TeamsTurn, outcome: Outcome) {
  const { actor, room } = turn.ctx;
  const view = outcome.reply;
  if (room && outcome.visibility === 'private' && personalOnly(outcome)) {
    await rt.sink.toPerson(actor, view);
    const pointer = notice(
      'info',
      view.kind === 'inbox'
        ? 'I sent your inbox to our 1:1 chat.'
        : 'I sent the answer to our 1:1 chat: it is for you alone.',
    );
    await context.sendActivity(cardActivity(renderCard(pointer, { addressee: actor, tenant: turn.tenant })));
  } else {
    const addressee = room && outcome.visibility === 'private' ? { addressee: actor } : {};
    const sent = await context.sendActivity(
      cardActivity(renderCard(view, { ...addressee, tenant: turn.tenant })),
    );
    if (outcome.replyCardKey && outcome.dealId) {
      if (sent?.id) {
        await rt.deps.store.addCardRef(
          outcome.dealId,
          outcome.replyCardKey,
          cardRef(turn.conversationId, sent.id),
        );
      } else {
        rt.deps.logger.warn(
          { cardKey: outcome.replyCardKey },
          'Teams returned no id for a card; it cannot be updated',
        );
      }
    }
  }
  dispatchLater(rt, outcome);
}
