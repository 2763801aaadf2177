// The one error boundary of the Teams adapter (botbuilder's onTurnError): log the detail, tell the
// person one sentence (userSentenceFor), never error.message. A click still gets a 200 card answer.
import { ActivityEventNames, type CloudAdapter, type TurnContext } from 'botbuilder';
import { userSentenceFor } from '../core/errors.js';
import { notice } from '../core/views.js';
import type { Logger } from '../logger.js';
import { cardActivity, cardInvokeResponse } from './activities.js';
import { renderCard } from './render/render-card.js';

/** Proactive turns (continueConversation / createConversation) have no person waiting for an answer. */
const isProactive = ({ activity }: TurnContext) =>
  activity.type === 'event' &&
  (activity.name === ActivityEventNames.ContinueConversation ||
    activity.name === ActivityEventNames.CreateConversation);

export function installTurnErrorBoundary(adapter: CloudAdapter, logger: Logger): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const { type, name } = context.activity;
    if (isProactive(context)) throw error;
    logger.error({ err: error, activityType: type, invoke: name }, 'Teams turn failed');
    const card = renderCard(notice('error', userSentenceFor(error)));
    try {
      if (type === 'invoke' && name === 'adaptiveCard/action') {
        await context.sendActivity({ type: 'invokeResponse', value: cardInvokeResponse(card) });
      } else if (type === 'invoke') {
        await context.sendActivity({ type: 'invokeResponse', value: { status: 500 } });
      } else if (type === 'message') {
        await context.sendActivity(cardActivity(card));
      }
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the Teams user about a failed turn');
    }
  };
}
