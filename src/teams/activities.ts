// Outgoing message activities: one Adaptive Card each, with its fallback text as the summary Teams
// shows in notifications and previews.
import { type Activity, CardFactory, type InvokeResponse } from 'botbuilder';
import type { AdaptiveCardJson } from './render/render-card.js';

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  const summary = typeof card.fallbackText === 'string' ? card.fallbackText : undefined;
  return {
    type: 'message',
    attachments: [CardFactory.adaptiveCard(card)],
    ...(summary ? { summary } : {}),
  };
}

/** The only answer an adaptiveCard/action invoke ever gets: 200 and a card (never empty: DESIGN §6). */
export function cardInvokeResponse(card: AdaptiveCardJson): InvokeResponse {
  return {
    status: 200,
    body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
  };
}
