// Routes each request to its handler, matching as app.command / app.event / app.action / app.view
// would. Bolt runs every registered listener's middleware chain (its built-in type and id matchers)
// and every global middleware for every request, spreading the request's arguments into a new object
// at each step: five listeners and two middlewares were eleven steps per `/deal`, and Bolt's
// invokeMiddleware was the largest self time in the Slack benchmark (7.5% of the server's CPU, plus
// the garbage). Routed here, a request takes one step of ours (middleware.ts). Whatever a handler
// throws still reaches Bolt's error handler (error-boundary.ts), as a listener's error did.
import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { DECLINE_MODAL } from '../core/actions.js';
import type { actionHandler } from './actions.js';
import type { commandHandler } from './commands.js';
import type { declineFormHandler } from './decline-form.js';
import type { EventHandler } from './events.js';
import { SLASH_COMMAND, type SlackEventType, SURFACE } from './surface.js';

export interface Handlers {
  readonly command: ReturnType<typeof commandHandler>;
  readonly events: Readonly<Record<SlackEventType, EventHandler>>;
  readonly action: ReturnType<typeof actionHandler>;
  readonly declineForm: ReturnType<typeof declineFormHandler>;
}

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** Events about the bot's own doings that still concern it (Bolt's list). */
const KEPT_FROM_SELF = new Set(['member_joined_channel', 'member_left_channel']);

/**
 * Bolt's ignoreSelf, which the App runs as a middleware step of its own unless told not to
 * (bolt-app.ts does): an event the bot itself caused, such as its own message, is not handled.
 */
export function fromSelf(
  event: {
    readonly type: string;
    readonly user?: unknown;
    readonly subtype?: unknown;
    readonly bot_id?: unknown;
  },
  context: { readonly botId?: string; readonly botUserId?: string },
): boolean {
  if (event.type === 'message' && event.subtype === 'bot_message' && event.bot_id === context.botId)
    return true;
  return (
    context.botUserId !== undefined && event.user === context.botUserId && !KEPT_FROM_SELF.has(event.type)
  );
}

export function createRouter(h: Handlers): (args: Args) => Promise<void> {
  const actions = new Set<string>(SURFACE.actions);
  const events = new Map<string, EventHandler>(Object.entries(h.events));
  return async (args) => {
    // Bolt sets exactly one of command / event / action / view (and shortcut, options: not ours).
    if ('command' in args && args.command) {
      if (args.command.command === SLASH_COMMAND) return h.command(args);
    } else if ('event' in args && args.event) {
      if (fromSelf(args.event, args.context)) return;
      const handler = events.get(args.event.type);
      if (handler) return handler(args);
    } else if ('action' in args && args.action) {
      const id = (args.action as { action_id?: unknown }).action_id;
      if (typeof id === 'string' && actions.has(id))
        return h.action(args as Parameters<Handlers['action']>[0]);
    } else if ('view' in args && args.view) {
      if (args.body.type === 'view_submission' && args.view.callback_id === DECLINE_MODAL) {
        return h.declineForm(args as Parameters<Handlers['declineForm']>[0]);
      }
    }
    // Not ours: on to Bolt's own listeners (none are registered; see index.ts).
    await args.next();
  };
}
