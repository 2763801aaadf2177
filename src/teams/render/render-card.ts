// View → Adaptive Card 1.5 (the content of an application/vnd.microsoft.card.adaptive attachment).
import type { PersonRef } from '../../core/ids.js';
import { personView, type View } from '../../core/views.js';
import { Mentions } from './mentions.js';
import { handoffData, summaryData } from './prepare-deal.js';
import { inboxData, researchData, timelineData } from './prepare-lists.js';
import { helpData, noticeData, welcomeData } from './prepare-misc.js';
import { expand, type TemplateName } from './templates.js';
import { safe } from './text.js';

/** Teams rejects a message whose card is over ~28 KB. */
export const MAX_CARD_BYTES = 28 * 1024;

export interface RenderOptions {
  /** A personal reply posted where others can see it: the card opens by naming its reader. */
  readonly addressee?: PersonRef;
  /** A sentence for the one person who clicked (e.g. why the click was refused). */
  readonly notice?: string;
  /** The tenant the card is sent into: only its users become mentions (a deal may span tenants). */
  readonly tenant?: string;
}

export type AdaptiveCardJson = Record<string, unknown>;

function dataFor(view: View, m: Mentions): [TemplateName, object] {
  switch (view.kind) {
    case 'summary':
      return ['summary', summaryData(view, m)];
    case 'timeline':
      return ['timeline', timelineData(view, m)];
    case 'handoff':
      return ['handoff', handoffData(view, m)];
    case 'research':
      return ['research', researchData(view, m)];
    case 'inbox':
      return ['inbox', inboxData(view, m)];
    case 'help':
      return ['help', helpData(view)];
    case 'notice':
      return ['notice', noticeData(view, m)];
    default: {
      const never: never = view;
      throw new Error(`no Teams card for view ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The JSON of each card rendered here, kept from the size check so the card is serialized once: the
 * invoke answer (route.ts) and the size check would otherwise each stringify ~10 KB per click.
 */
const serialized = new WeakMap<object, string>();

/** A card's JSON text: the one made when it was rendered, or a new one for any other object. */
export const cardJson = (card: object): string => serialized.get(card) ?? JSON.stringify(card);

export function renderCard(view: View, options: RenderOptions = {}): AdaptiveCardJson {
  const m = new Mentions(options.tenant);
  // The addressee is named first, so their mention text is the plain one even if a namesake follows.
  const forLine = options.addressee ? `For ${m.of(personView(options.addressee))}:` : undefined;
  const [name, data] = dataFor(view, m);
  const notice = options.notice ?? (view.kind === 'handoff' ? view.notice : undefined);
  const card = expand(name, {
    ...data,
    ...(forLine ? { forLine } : {}),
    ...(notice ? { notice: safe(notice) } : {}),
    entities: m.entities,
  });
  const json = JSON.stringify(card);
  if (Buffer.byteLength(json, 'utf8') <= MAX_CARD_BYTES) {
    serialized.set(card, json);
    return card;
  }
  // Every list is bounded in its data, so this is a last resort that keeps the message deliverable.
  return expand('notice', {
    ...noticeData(
      {
        kind: 'notice',
        tone: 'warning',
        text: 'This is too long to show as a card in Teams. Narrow it down (for example timeline research) and try again.',
      },
      m,
    ),
    entities: [],
  });
}

export function renderWelcome(): AdaptiveCardJson {
  return expand('welcome', { ...welcomeData(), entities: [] });
}
