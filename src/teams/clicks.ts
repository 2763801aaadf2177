// A button click, from an Action.Execute invoke or its Action.Submit fallback: validated data → the
// core's Command → what the clicker sees (a card), what the room sees, and what to deliver after.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { ACTION, type ActionInput, commandForAction } from '../core/actions.js';
import type { Command } from '../core/commands.js';
import type { RequestOptions } from '../core/core.js';
import { handoffCardKey, type Outcome } from '../core/outcome.js';
import { notice, type View } from '../core/views.js';
import { isHandoffVerb, type ParsedClick, REFRESH_VERB } from './card-data.js';
import { personOf, type TeamsTurn } from './context.js';
import type { TeamsRuntime } from './runtime.js';

/** A view for one reader, with an optional sentence for them alone (e.g. why the click was refused). */
export interface PersonalView {
  readonly view: View;
  readonly notice?: string;
}

export interface ClickResult {
  /** What the clicker sees: the invoke response card (or, for Action.Submit, a personal reply). */
  readonly response: PersonalView;
  /** A message for the whole conversation the click produced (e.g. "Alex accepted the handoff"). */
  readonly announce?: View;
  readonly outcome?: Outcome;
}

export const UNKNOWN_BUTTON =
  'That button is not one Dealroom knows (it may be on an older card). Type @Dealroom help to see what you can do.';

/** Teams re-sends what it thinks went unanswered: the core applies one delivery of an activity once. */
export const onceFor = (source: string, turn: TeamsTurn, activityId: string | undefined): RequestOptions =>
  activityId ? { once: { source, id: `${turn.conversationId}|${activityId}` } } : {};

export interface ClickMode extends RequestOptions {
  /** Universal Actions' automatic refresh: show the current state, never change anything. */
  readonly automatic: boolean;
}

const textOf = (view: View): string =>
  view.kind === 'notice' ? view.text : view.kind === 'handoff' ? (view.notice ?? view.status) : view.kind;

const personal = (view: View, sentence?: string): PersonalView =>
  sentence ? { view, notice: sentence } : { view };

async function handoffCard(rt: TeamsRuntime, turn: TeamsTurn, click: ParsedClick, sentence?: string) {
  const { d, h } = click.payload;
  const view = d && h ? await rt.deps.core.handoffCard(turn.ctx, d, h) : null;
  return view
    ? personal(view, sentence)
    : personal(notice('warning', sentence ?? 'That handoff is not available here.'));
}

async function inboxCard(rt: TeamsRuntime, turn: TeamsTurn, sentence?: string) {
  const outcome = await rt.deps.core.execute(turn.ctx, { kind: 'inbox' }, { refresh: true });
  return personal(outcome.reply, sentence);
}

/** The picked person (an AAD object id from the people picker, or a 29: id from a quick pick). */
async function reassignTarget(context: TurnContext, turn: TeamsTurn, picked: string) {
  try {
    const member = await TeamsInfo.getMember(context, picked);
    return member?.id ? personOf(turn.tenant, { id: member.id, name: member.name }) : null;
  } catch {
    return null;
  }
}

async function commandFor(
  context: TurnContext,
  turn: TeamsTurn,
  click: ParsedClick,
): Promise<Command | { error: string }> {
  const payload = click.payload;
  let input: ActionInput;
  switch (click.verb) {
    case ACTION.handoffDecline:
      input = { action: click.verb, payload, reason: click.reason };
      break;
    case ACTION.handoffReassign: {
      if (!click.reassignTo) return { error: 'Pick the account manager to hand this lead to.' };
      const to = await reassignTarget(context, turn, click.reassignTo);
      if (!to)
        return {
          error: 'I could not find that person here; pick someone who is a member of this team or chat.',
        };
      input = { action: click.verb, payload, to };
      break;
    }
    case REFRESH_VERB:
      return { error: 'That is not a button.' };
    default:
      input = { action: click.verb, payload };
  }
  return commandForAction(input);
}

export async function runClick(
  rt: TeamsRuntime,
  context: TurnContext,
  turn: TeamsTurn,
  click: ParsedClick,
  mode: ClickMode,
): Promise<ClickResult> {
  const handoff = isHandoffVerb(click.verb) || click.verb === REFRESH_VERB;
  if (handoff && (mode.automatic || click.verb === REFRESH_VERB))
    return { response: await handoffCard(rt, turn, click) };
  if (click.verb === ACTION.inboxDone && mode.automatic) return { response: await inboxCard(rt, turn) };
  const command = await commandFor(context, turn, click);
  if ('error' in command) {
    return {
      response: handoff
        ? await handoffCard(rt, turn, click, command.error)
        : personal(notice('warning', command.error)),
    };
  }
  const outcome = await rt.deps.core.execute(turn.ctx, command, mode.once ? { once: mode.once } : {});
  if (outcome.duplicate) {
    // A retried delivery of a click that already took effect: show how things stand, change nothing.
    const sentence = 'Dealroom already received this click; this is how things stand now.';
    return {
      response: handoff ? await handoffCard(rt, turn, click, sentence) : await inboxCard(rt, turn, sentence),
      outcome,
    };
  }
  // A refused Done (over the rate limit, or an item already done) keeps the list, with the sentence.
  if (click.verb === ACTION.inboxDone && outcome.reply.kind === 'notice') {
    return { response: await inboxCard(rt, turn, outcome.reply.text), outcome };
  }
  if (!handoff) return { response: personal(outcome.reply), outcome };
  if (outcome.readOnly) {
    // A refusal: the same card, with the sentence for this one person; nothing changed.
    const response =
      outcome.reply.kind === 'handoff'
        ? personal(outcome.reply)
        : await handoffCard(rt, turn, click, textOf(outcome.reply));
    return { response, outcome };
  }
  const key = click.payload.h ? handoffCardKey(click.payload.h) : '';
  const updated = outcome.updates.find((u) => u.cardKey === key);
  const inRoom = outcome.visibility === 'room' && turn.ctx.room !== null;
  // The card's status line now says what happened; in a room the headline is posted for everyone too.
  const response = updated ? personal(updated.view) : await handoffCard(rt, turn, click);
  return { response, outcome, ...(inRoom ? { announce: outcome.reply } : {}) };
}
