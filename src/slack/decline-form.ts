// The decline reason form (a modal opened by the handoff card's Decline button). Its submission is
// checked for a reason right in the ack, so an empty one is shown on the form; the decline itself runs
// after the ack, and its outcome goes back to the channel the card was clicked in. A form submitted
// twice declines once and answers once (deliveries.ts, keyed by the view id).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { ACTION, ActionPayload, commandForAction } from '../core/actions.js';
import type { Core } from '../core/core.js';
import type { Store } from '../core/store-port.js';
import { commandContext, type ReplyTarget, slackPerson } from './context.js';
import { delivery } from './deliveries.js';
import type { People } from './people.js';
import { REASON_BLOCK, REASON_INPUT } from './render/render.js';
import type { Replies } from './replies.js';

const Metadata = ActionPayload.pick({ d: true, h: true }).extend({
  ch: z.string().regex(/^[A-Z0-9]{1,32}$/),
});

export interface DeclineFormDeps {
  readonly core: Core;
  readonly people: People;
  readonly replies: Replies;
  readonly store: Store;
}

function readMetadata(raw: string): z.infer<typeof Metadata> | null {
  try {
    const parsed = Metadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The decline form's submission (the router sends it DECLINE_MODAL view_submissions only). */
export function declineFormHandler(
  d: DeclineFormDeps,
): (args: SlackViewMiddlewareArgs<ViewSubmitAction> & Pick<AllMiddlewareArgs, 'context'>) => Promise<void> {
  return async ({ ack, body, view, context }) => {
    const meta = readMetadata(view.private_metadata);
    const reason = view.state.values[REASON_BLOCK]?.[REASON_INPUT]?.value ?? '';
    const command = meta
      ? commandForAction({ action: ACTION.handoffDecline, payload: meta, reason })
      : { error: 'This form is not valid any more; click Decline on the handoff card again.' };
    if ('error' in command) {
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: command.error } });
      return;
    }
    await ack();
    const team = context.teamId;
    if (!team || !meta) return;
    // Only a valid submission counts: a form answered "reason required" is submitted again, rightly.
    const seen = await delivery(d.store, 'slack-form', view.id);
    const user = body.user.id;
    const actor = slackPerson(team, user, await d.people.nameOf(team, user, body.user.name));
    const target: ReplyTarget = { team: actor.workspace, channel: meta.ch, user, repeat: seen.repeat };
    const outcome = await d.core.execute(commandContext(actor, meta.ch), command, seen.options);
    await d.replies.send(target, outcome);
  };
}
