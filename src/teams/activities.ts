// Outgoing message activities: one Adaptive Card each, with its fallback text as the summary Teams
// shows in notifications and previews.
import { type Activity, CardFactory, type InvokeResponse } from 'botbuilder';
import { type AdaptiveCardJson, cardJson } from './render/render-card.js';

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  const summary = typeof card.fallbackText === 'string' ? card.fallbackText : undefined;
  return {
    type: 'message',
    attachments: [CardFactory.adaptiveCard(card)],
    ...(summary ? { summary } : {}),
  };
}

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Invoke answer bodies whose JSON text is already made (from the card's own, see render-card.ts). */
const bodyJson = new WeakMap<object, string>();

/** The JSON text of an invoke answer's body. */
export const invokeBodyJson = (body: object): string => bodyJson.get(body) ?? JSON.stringify(body);

/** The only answer an adaptiveCard/action invoke ever gets: 200 and a card (never empty: DESIGN §6). */
export function cardInvokeResponse(card: AdaptiveCardJson): InvokeResponse {
  const body = { statusCode: 200, type: CARD_TYPE, value: card };
  bodyJson.set(body, `{"statusCode":200,"type":"${CARD_TYPE}","value":${cardJson(card)}}`);
  return { status: 200, body };
}
