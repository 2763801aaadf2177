// A core view → the Slack messages that show it (one, or several when it is too long for one).
import { DECLINE_MODAL } from '../../core/actions.js';
import { LIMITS } from '../../core/parse/index.js';
import type { View } from '../../core/views.js';
import { handoffData, researchData, summaryData, timelineData } from './deal-models.js';
import { paginate, type SlackMessage } from './paging.js';
import { helpData, inboxData, noticeData } from './personal-models.js';
import { expand } from './templates.js';

export type { SlackMessage } from './paging.js';

function dataFor(view: View, team: string | null): object {
  switch (view.kind) {
    case 'summary':
      return summaryData(view, team);
    case 'timeline':
      return timelineData(view, team);
    case 'handoff':
      return handoffData(view, team);
    case 'research':
      return researchData(view, team);
    case 'inbox':
      return inboxData(view, team);
    case 'help':
      return helpData(view);
    case 'notice':
      return noticeData(view, team);
    default: {
      const never: never = view;
      throw new Error(`no Slack template for ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Renders a view for a message in workspace `team` (people of that workspace become mentions; null
 * means nobody does). Always at least one message; several when the content exceeds Slack's limits.
 */
export function renderView(view: View, team: string | null): SlackMessage[] {
  return paginate(expand(view.kind, dataFor(view, team)) as SlackMessage);
}

/** The decline-reason form's input ids: form fields, not actions (no listener is registered). */
export const REASON_BLOCK = 'reason';
export const REASON_INPUT = 'reason';

export interface DeclineContext {
  readonly dealId: string;
  readonly handoffId: string;
  /** Where the Decline button was clicked: the reply goes back there. */
  readonly channel: string;
}

export function renderDeclineModal(c: DeclineContext): object {
  return expand('decline-modal', {
    callbackId: DECLINE_MODAL,
    metadata: JSON.stringify({ d: c.dealId, h: c.handoffId, ch: c.channel }),
    question:
      'Why are you declining this handoff? The SDR who escalated it sees your reason on the deal timeline.',
    reasonBlock: REASON_BLOCK,
    reasonInput: REASON_INPUT,
    maxLength: LIMITS.reason,
  });
}
