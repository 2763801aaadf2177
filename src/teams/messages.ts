// Message activities: `@Dealroom <command>` (any message in a 1:1 chat), Action.Submit fallbacks
// (a message carrying `value`), and, with resource-specific consent, plain room messages that
// @mention teammates, which the core may record as tags.
import type { TurnContext } from 'botbuilder';
import type { ParseResult } from '../core/commands.js';
import type { RequestOptions } from '../core/core.js';
import type { Outcome } from '../core/outcome.js';
import { parseCommand } from '../core/parse/parse-command.js';
import { notice } from '../core/views.js';
import { cardActivity } from './activities.js';
import { parseClick } from './card-data.js';
import { onceFor, runClick, UNKNOWN_BUTTON } from './clicks.js';
import { fromABot, type TeamsTurn, teamsTurn } from './context.js';
import { parseText } from './mentions.js';
import { messageLink } from './permalink.js';
import { renderCard } from './render/render-card.js';
import { sendReply } from './replies.js';
import { dispatchLater, type TeamsRuntime } from './runtime.js';

// Creating a Teams channel needs Graph permissions Dealroom does not ask for (only RSC to read).
const NO_NEW_CHANNEL =
  'In Teams, Dealroom cannot create channels: create the channel, add Dealroom to it, and run @Dealroom new <name> there.';
const asksForNewChannel = (parsed: ParseResult) =>
  parsed.ok && parsed.command.kind === 'new' && parsed.command.createChannel;

/** Teams re-delivers within minutes; an hour covers any retry of an answer. */
const REPLY_ONCE_TTL_MS = 3_600_000;

/**
 * A read-only answer (a list, a refusal) to a re-delivered activity is not repeated; a write is kept
 * from applying twice by the core itself (RequestOptions.once, claimed inside its commit).
 */
async function firstAnswer(rt: TeamsRuntime, outcome: Outcome, options: RequestOptions): Promise<boolean> {
  if (outcome.duplicate) return false;
  if (!options.once) return true;
  // A write claims the key too: its re-delivery now reads as a refusal ("no longer open"), unsaid.
  const first = await rt.deps.store.claimOnce(
    `${options.once.source}-reply`,
    options.once.id,
    REPLY_ONCE_TTL_MS,
  );
  return first || !outcome.readOnly;
}

/** An Action.Submit click (older clients): answered with messages, as there is no invoke response. */
async function onSubmit(rt: TeamsRuntime, context: TurnContext, turn: TeamsTurn, value: unknown) {
  const data = value as Record<string, unknown>;
  const click = parseClick(undefined, data);
  const addressee = { ...(turn.ctx.room ? { addressee: turn.ctx.actor } : {}), tenant: turn.tenant };
  if (!click) {
    await context.sendActivity(cardActivity(renderCard(notice('warning', UNKNOWN_BUTTON), addressee)));
    return;
  }
  const once = onceFor('teams-submit', turn, context.activity.id);
  const result = await runClick(rt, context, turn, click, { automatic: false, ...once });
  if (result.outcome && !(await firstAnswer(rt, result.outcome, once))) return;
  if (result.announce) {
    await context.sendActivity(cardActivity(renderCard(result.announce, { tenant: turn.tenant })));
  } else {
    const { view, notice: sentence } = result.response;
    await context.sendActivity(cardActivity(renderCard(view, { ...addressee, notice: sentence })));
  }
  if (result.outcome) dispatchLater(rt, result.outcome);
}

export async function onMessage(rt: TeamsRuntime, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const turn = teamsTurn(activity);
  if (!turn || fromABot(activity)) return;
  if (activity.value && typeof activity.value === 'object' && !Array.isArray(activity.value)) {
    await onSubmit(rt, context, turn, activity.value);
    return;
  }
  const { input, botMentioned } = parseText(activity, turn.tenant);
  const command = turn.kind === 'personal' || botMentioned;
  if (!command && input.mentions.length === 0 && !input.text.includes('@')) return;
  const once = onceFor('teams-message', turn, activity.id);
  if (command) {
    const typed = input.text === '' ? { text: 'help', mentions: [] } : input;
    const parsed = parseCommand(typed);
    if (asksForNewChannel(parsed)) {
      const addressee = turn.ctx.room ? { addressee: turn.ctx.actor } : {};
      await context.sendActivity(cardActivity(renderCard(notice('warning', NO_NEW_CHANNEL), addressee)));
      return;
    }
    const outcome = await rt.deps.core.runParsed(turn.ctx, parsed, once);
    if (await firstAnswer(rt, outcome, once)) await sendReply(rt, context, turn, outcome);
    return;
  }
  const overheard = await rt.deps.core.listen(turn.ctx, input, messageLink(activity, turn), once);
  if (overheard && (await firstAnswer(rt, overheard, once))) await sendReply(rt, context, turn, overheard);
}
