// Dealroom's global Bolt middleware, in order: ack first, drop double clicks, then route (router.ts).
//
// Ack: Slack shows an error if a command or click is not acknowledged within 3 s, so they are acked
// before any work (events are acked by Bolt itself). Two handlers ack themselves, because their ack
// carries something: `/deal` (its reply, commands.ts) and the decline form ("this field is required").
//
// Double clicks: a click is claimed in the store (shared by replicas) by who clicked what on which
// message, for a few seconds, so a double click is one click. (Slack does not re-deliver clicks;
// retried events and repeated forms are handled per delivery id, see deliveries.ts.)
import { createHash } from 'node:crypto';
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Store } from '../core/store-port.js';
import type { Logger } from '../logger.js';
import { SLASH_COMMAND } from './surface.js';

const CLICK_TTL_MS = 5_000;

type Body = Readonly<Record<string, unknown>>;

interface ClickBody {
  readonly team?: { readonly id?: string } | null;
  readonly user?: { readonly id?: string };
  readonly container?: { readonly message_ts?: string; readonly view_id?: string };
  readonly view?: { readonly id?: string };
  readonly actions?: readonly {
    readonly action_id?: string;
    readonly block_id?: string;
    readonly value?: string;
    readonly selected_user?: string;
    readonly selected_option?: { readonly value?: string };
  }[];
}

/** Who clicked what, on which message: the same for both clicks of a double click. */
export function clickKey(body: Body): string | null {
  if (body.type !== 'block_actions') return null;
  const b = body as ClickBody;
  const a = b.actions?.[0];
  const what = [
    b.team?.id,
    b.user?.id,
    a?.action_id,
    a?.value ?? a?.selected_option?.value ?? `${a?.block_id}:${a?.selected_user}`,
    b.container?.message_ts ?? b.container?.view_id ?? b.view?.id,
  ];
  return createHash('sha256').update(JSON.stringify(what)).digest('base64url');
}

/**
 * Bolt's one global middleware of ours: ack first, drop a double click, then `route` (router.ts). One
 * middleware rather than two: Bolt spreads the request's arguments into a new object for every step
 * of its chains, on every request.
 */
export function ackThenRoute(
  store: Store,
  logger: Logger,
  route: (args: AnyMiddlewareArgs & AllMiddlewareArgs) => Promise<void>,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    const acksItself = body.type === 'view_submission' || body.command === SLASH_COMMAND;
    if ('ack' in args && typeof args.ack === 'function' && !acksItself) await args.ack();
    const key = clickKey(body);
    if (key && !(await store.claimOnce('slack-click', key, CLICK_TTL_MS))) {
      logger.debug('dropped a double click');
      return;
    }
    await route(args);
  };
}
