// Reading what the bot sent: card texts, buttons (with the data a click would carry back), mentions.
import type { Activity, ConnectorEvent } from '../../src/playground/fake-connector.js';
import { cardsOf, expectValidCard } from './teams-cards.js';

type Json = Record<string, unknown>;

/** The one Adaptive Card of an activity, checked against the schema and the renderer on the way. */
export function cardOf(activity: Activity | Json): Json {
  const cards = cardsOf(activity as Activity);
  if (cards.length !== 1) throw new Error(`expected one adaptive card, got ${cards.length}`);
  const card = cards[0] as Json;
  expectValidCard(card);
  return card;
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) for (const x of node) walk(x, visit);
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every TextBlock's text, joined by newlines: what a reader sees, mentions as <at>…</at>. */
export function cardText(card: Json): string {
  const lines: string[] = [];
  walk(card.body, (n) => {
    if (n.type === 'TextBlock' && typeof n.text === 'string') lines.push(n.text);
  });
  return lines.join('\n');
}

export interface Button {
  readonly type: string;
  readonly title: string;
  readonly verb?: string;
  readonly data?: Json;
}

/** Every Action.Execute in the card (top level, ActionSets, and inside Action.ShowCard forms). */
export function buttons(card: Json): Button[] {
  const out: Button[] = [];
  walk({ body: card.body, actions: card.actions }, (n) => {
    if (n.type === 'Action.Execute') out.push(n as unknown as Button);
  });
  return out;
}

export function button(card: Json, verb: string): Button {
  const found = buttons(card).find((b) => b.verb === verb);
  if (!found)
    throw new Error(
      `no button ${verb} in card: ${buttons(card)
        .map((b) => b.verb)
        .join(', ')}`,
    );
  return found;
}

export const mentionIds = (card: Json): string[] =>
  (((card.msteams as Json | undefined)?.entities as { mentioned: { id: string } }[] | undefined) ?? []).map(
    (e) => e.mentioned.id,
  );

export type Sent = Extract<ConnectorEvent, { kind: 'send' }>;
export const inConversation = (events: readonly Sent[], conversationId: string) =>
  events.filter((e) => e.conversationId === conversationId);
