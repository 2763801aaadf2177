// Slack message text → the core's input (DESIGN.md §5: mentions are resolved at the edge).
//
// Slack sends markup in angle brackets (`<@U123|ann>`, `<!here>`, `<https://x|x>`) and escapes what
// the person typed (`&lt;`, `&gt;`, `&amp;`). Each real user mention becomes a `<@i>` marker into
// `mentions`; the bot's own mentions are dropped (all of them); every other piece of markup becomes
// plain words. What the person typed is decoded, and any `<@`, `<!` or `<#` left in it is broken up
// with an invisible word joiner, so typed text can never pose as a marker or as Slack markup.
import type { CommandInput } from '../core/commands.js';
import type { PersonRef } from '../core/ids.js';
import { slackPerson } from './context.js';

const MARKUP = /<([^<>]*)>/g;
const USER = /^@([UW][A-Z0-9]{2,})(?:\|(.*))?$/s;
const CHANNEL = /^#([CG][A-Z0-9]+)(?:\|(.*))?$/s;
const SPECIAL = /^!([a-z]+)(?:\^[^|]*)?(?:\|(.*))?$/s;
const LINK = /^((?:https?|mailto):[^|]*)(?:\|(.*))?$/is;
const WORD_JOINER = '\u2060';
const BROADCASTS = new Set(['here', 'channel', 'everyone']);

/** `&lt;` `&gt;` `&amp;` → characters (Slack escapes exactly these three). */
export const decodeEntities = (text: string): string =>
  // Most pieces hold no entity at all: no regex runs, no new strings.
  text.includes('&') ? text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : text;

/** Typed `<@…`, `<!…`, `<#…` lose their power; nothing else changes. */
export const neutralise = (text: string): string =>
  text.includes('<') ? text.replace(/<(?=[@!#])/g, `<${WORD_JOINER}`) : text;

export interface ResolveOptions {
  /** The workspace of the request: every person mentioned is a member reference in it. */
  readonly team: string;
  /** The bot's user id, whose mentions are stripped. */
  readonly botUserId?: string;
  /** A display name for a user id; `hint` is the handle Slack put in the markup, if any. */
  readonly nameOf: (user: string, hint: string | undefined) => Promise<string>;
}

type Piece = { readonly text: string } | { readonly user: string; readonly hint?: string };

/** One piece of Slack markup as plain words (or a user to resolve). */
function readMarkup(inner: string, botUserId: string | undefined): Piece {
  const user = USER.exec(inner);
  if (user?.[1]) {
    if (user[1] === botUserId) return { text: '' };
    const hint = user[2] ? decodeEntities(user[2]).trim() : undefined;
    return hint ? { user: user[1], hint } : { user: user[1] };
  }
  const channel = CHANNEL.exec(inner);
  if (channel) return { text: `#${decodeEntities(channel[2] ?? channel[1] ?? '')}` };
  const special = SPECIAL.exec(inner);
  if (special) {
    // `<!here>` is a broadcast only as markup; as the words "@here" it is harmless (and the renderer
    // defuses those words too). `<!subteam^S1|@sales>` and `<!date^…|fallback>` keep their label.
    const word = special[1] ?? '';
    if (BROADCASTS.has(word) || !special[2]) return { text: `@${word}` };
    return { text: decodeEntities(special[2]) };
  }
  const link = LINK.exec(inner);
  if (link?.[1]) {
    const url = decodeEntities(link[1]);
    // A URL stays a URL (research findings pick up their link from it); mailto shows the address.
    return { text: url.toLowerCase().startsWith('mailto:') ? (link[2] ?? url.slice(7)) : url };
  }
  const [, label] = inner.split('|');
  return { text: decodeEntities(label ?? inner) };
}

function split(text: string, botUserId: string | undefined): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKUP)) {
    pieces.push({ text: decodeEntities(text.slice(last, m.index)) });
    pieces.push(readMarkup(m[1] ?? '', botUserId));
    last = m.index + m[0].length;
  }
  pieces.push({ text: decodeEntities(text.slice(last)) });
  return pieces;
}

export async function toCommandInput(text: string, o: ResolveOptions): Promise<CommandInput> {
  const pieces = split(text, o.botUserId);
  const order: string[] = [];
  const hints = new Map<string, string | undefined>();
  for (const p of pieces) {
    if (!('user' in p)) continue;
    if (!hints.has(p.user)) order.push(p.user);
    if (p.hint || !hints.has(p.user)) hints.set(p.user, p.hint);
  }
  const names = await Promise.all(order.map((u) => o.nameOf(u, hints.get(u))));
  const mentions: PersonRef[] = order.map((u, i) => slackPerson(o.team, u, names[i] ?? u));
  // Typed text is neutralised run by run, between real markers, so a marker can never be assembled
  // from pieces either (a typed `<` followed by a label that reads `@0>`).
  let out = '';
  let run = '';
  for (const p of pieces) {
    if ('user' in p) {
      out += `${neutralise(run)}<@${order.indexOf(p.user)}>`;
      run = '';
    } else run += p.text;
  }
  out += neutralise(run);
  return { text: out.trim(), mentions };
}

/** True when the text mentions the bot (such a message is a command, handled as an app_mention). */
export const mentionsUser = (text: string, user: string | undefined): boolean =>
  user !== undefined && (text.includes(`<@${user}>`) || text.includes(`<@${user}|`));
