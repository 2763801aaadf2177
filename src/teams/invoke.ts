// adaptiveCard/action invokes (Action.Execute, Universal Actions). The answer is always 200 with a
// card: an empty or error answer makes Teams show an error and retry, duplicating side effects.
import type { InvokeResponse, TurnContext } from 'botbuilder';
import { notice } from '../core/views.js';
import { cardActivity, cardInvokeResponse } from './activities.js';
import { parseClick } from './card-data.js';
import { onceFor, runClick, UNKNOWN_BUTTON } from './clicks.js';
import { teamsTurn } from './context.js';
import { renderCard } from './render/render-card.js';
import { dispatchLater, type TeamsRuntime } from './runtime.js';

interface InvokeValue {
  action?: { type?: unknown; verb?: unknown; data?: unknown };
  trigger?: unknown;
}

export async function onCardAction(rt: TeamsRuntime, context: TurnContext): Promise<InvokeResponse> {
  const activity = context.activity;
  const turn = teamsTurn(activity);
  const value = (activity.value ?? {}) as InvokeValue;
  const click = parseClick(value.action?.verb, value.action?.data);
  if (!turn || !click) return cardInvokeResponse(renderCard(notice('warning', UNKNOWN_BUTTON)));
  const automatic = value.trigger === 'automatic';
  const result = await runClick(rt, context, turn, click, {
    automatic,
    ...onceFor('teams-invoke', turn, activity.id),
  });
  // Never on an automatic refresh: updating the message would trigger another refresh, forever.
  if (!automatic && !result.outcome?.duplicate) {
    if (result.announce) {
      await context.sendActivity(cardActivity(renderCard(result.announce, { tenant: turn.tenant })));
    }
    if (result.outcome) dispatchLater(rt, result.outcome);
  }
  return cardInvokeResponse(
    renderCard(result.response.view, { notice: result.response.notice, tenant: turn.tenant }),
  );
}
