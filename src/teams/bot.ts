// Routes Teams activities to the handlers. Every inbound activity first stores its conversation
// reference, so proactive messages (SLA reminders, DMs) can reach that conversation later.
import { type InvokeResponse, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { onConversationUpdate } from './install.js';
import { onCardAction } from './invoke.js';
import { onMessage } from './messages.js';
import type { TeamsRuntime } from './runtime.js';

export class DealroomBot extends TeamsActivityHandler {
  constructor(private readonly rt: TeamsRuntime) {
    super();
    this.onTurn(async (context, next) => {
      await rt.refs.remember(context.activity);
      await next();
    });
    this.onMessage(async (context, next) => {
      await onMessage(rt, context);
      await next();
    });
    // No next(): the default Teams dispatch would look up every added member with an API call.
    this.onConversationUpdate((context) => onConversationUpdate(rt, context));
  }

  /**
   * adaptiveCard/action is handled here rather than through onAdaptiveCardInvoke: the base class
   * answers a malformed invoke with a 400 error body and drops `trigger`, and we must always answer
   * 200 with a card and must see automatic refreshes.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') return onCardAction(this.rt, context);
    return super.onInvokeActivity(context);
  }
}
