// Button and menu clicks (block_actions): handoff Accept / Decline / Reassign, timeline Newer / Older /
// filter, inbox Done. Every click is acked by the ack-first middleware before it gets here. A payload
// is validated with the core's ActionPayload at this trust boundary; the core decides the rest, and a
// click it refuses gets a sentence only the clicker sees (the card does not change).
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
import { ACTION, type ActionId, type ActionInput, ActionPayload, commandForAction } from '../core/actions.js';
import type { Core } from '../core/core.js';
import { notice } from '../core/views.js';
import { commandContext, type ReplyTarget, SLACK_USER_ID, slackPerson } from './context.js';
import type { People } from './people.js';
import { renderDeclineModal } from './render/render.js';
import type { Replies } from './replies.js';

export interface ActionDeps {
  readonly core: Core;
  readonly people: People;
  readonly replies: Replies;
  readonly client: webApi.WebClient;
}

/** What one element of a block_actions payload carries, whatever its type. */
interface Clicked {
  readonly action_id: string;
  readonly block_id?: string;
  readonly value?: string;
  readonly selected_user?: string;
  readonly selected_option?: { readonly value?: string };
}

const STALE = 'That button is not valid any more; run the command again.';

/** The payload JSON of a button (value), a menu (selected option) or a user picker (block id). */
function readPayload(a: Clicked): ActionPayload | null {
  const raw = a.value ?? a.selected_option?.value ?? (a.selected_user ? a.block_id : undefined);
  if (!raw || raw.length > 2_000) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = ActionPayload.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** One handler for every button and menu (the router sends it SURFACE.actions ids only). */
export function actionHandler(
  d: ActionDeps,
): (
  args: Pick<SlackActionMiddlewareArgs<BlockAction>, 'body' | 'action'> & Pick<AllMiddlewareArgs, 'context'>,
) => Promise<void> {
  return async ({ body, action, context }) => {
    // The router admits only our ids.
    const id = (action as { action_id: string }).action_id as ActionId;
    const team = context.teamId;
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!team || !channel) return;
    const target: ReplyTarget = {
      team: team as ReplyTarget['team'],
      channel,
      user: body.user.id,
      ...(body.response_url ? { responseUrl: body.response_url } : {}),
    };
    const clicked = action as unknown as Clicked;
    const payload = readPayload(clicked);
    if (!payload) return d.replies.tell(target, notice('warning', STALE));
    if (id === ACTION.handoffDecline) {
      // The trigger_id expires 3 s after the click: the form opens before anything else.
      if (!payload.d || !payload.h) return d.replies.tell(target, notice('warning', STALE));
      await d.client.views.open({
        trigger_id: body.trigger_id,
        view: renderDeclineModal({ dealId: payload.d, handoffId: payload.h, channel }) as webApi.ModalView,
      });
      return;
    }
    const input = await inputFor(id, payload, clicked, team, d.people);
    if (!input) return d.replies.tell(target, notice('warning', STALE));
    const command = commandForAction(input);
    if ('error' in command) return d.replies.tell(target, notice('warning', command.error));
    const actor = slackPerson(team, body.user.id, await d.people.nameOf(team, body.user.id, body.user.name));
    await d.replies.send(target, await d.core.execute(commandContext(actor, channel), command));
  };
}

async function inputFor(
  id: ActionId,
  payload: ActionPayload,
  clicked: Clicked,
  team: string,
  people: People,
): Promise<ActionInput | null> {
  switch (id) {
    case ACTION.handoffReassign: {
      const user = clicked.selected_user;
      if (!user || !SLACK_USER_ID.test(user)) return null;
      return { action: id, payload, to: slackPerson(team, user, await people.nameOf(team, user)) };
    }
    case ACTION.handoffDecline:
      // Declines arrive through the reason form (view_submission), never straight from the button.
      return null;
    case ACTION.handoffAccept:
    case ACTION.timelineOlder:
    case ACTION.timelineNewer:
    case ACTION.timelineFilter:
    case ACTION.inboxDone:
      return { action: id, payload };
  }
}
