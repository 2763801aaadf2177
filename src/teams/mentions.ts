// Teams mentions → the core's input convention (DESIGN §5): every mention of the bot removed (not
// only the first, unlike botbuilder's removeRecipientMention), each other person mentioned becomes
// `<@i>` indexing `mentions`, and a `<@` the user typed can no longer pass for a marker.
import type { Activity, Mention } from 'botbuilder';
import type { CommandInput } from '../core/commands.js';
import { type PersonRef, personKey, type WorkspaceId } from '../core/ids.js';
import { personOf } from './context.js';

export interface ParsedText {
  readonly input: CommandInput;
  /** True when the message @mentions the bot: in a channel, that makes it a command. */
  readonly botMentioned: boolean;
}

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};
const decodeEntities = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|nbsp|#\d{1,6});/g, (whole, name: string) => {
    if (!name.startsWith('#')) return HTML_ENTITIES[name] ?? whole;
    const code = Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

const AT_TAG = /<at[^>]*>(.*?)<\/at>/gis;
// Private-use sentinels stand in for resolved mentions while the rest of the text is cleaned.
const SENTINEL = (i: number) => `\u{F0000}${i}\u{F0001}`;
const SENTINELS = /\u{F0000}(\d+)\u{F0001}/gu;

/** Only user accounts (29:…) are people; channel, team and tag mentions are kept as plain names. */
const isPerson = (m: Mention): boolean =>
  typeof m.mentioned?.id === 'string' && m.mentioned.id.startsWith('29:');

export function mentionEntities(activity: Partial<Activity>): Mention[] {
  return (activity.entities ?? []).filter(
    (e): e is Mention & { type: 'mention' } =>
      e.type === 'mention' &&
      typeof (e as Mention).text === 'string' &&
      typeof (e as Mention).mentioned?.id === 'string',
  ) as Mention[];
}

export function parseText(activity: Partial<Activity>, tenant: WorkspaceId): ParsedText {
  const botId = activity.recipient?.id;
  // A user cannot type our sentinels; strip them anyway so no text can forge one.
  let text = (activity.text ?? '').replace(/[\u{F0000}\u{F0001}]/gu, '');
  const replacements: string[] = [];
  const mentions: PersonRef[] = [];
  const indexOf = new Map<string, number>();
  const entities = mentionEntities(activity);
  // First every mention of the bot, all occurrences: a user may @mention it twice, and Teams may send
  // one entity for both.
  const botToken = SENTINEL(replacements.push('') - 1);
  let botMentioned = false;
  for (const m of entities) {
    if (m.mentioned.id !== botId) continue;
    botMentioned = true;
    if (m.text) text = text.split(m.text).join(botToken);
  }
  // Then people and other mentions in order, so two different people both called "Ann" stay distinct.
  let cursor = 0;
  for (const m of entities) {
    if (m.mentioned.id === botId) continue;
    let replacement: string;
    if (isPerson(m)) {
      const person = personOf(tenant, { id: m.mentioned.id, name: m.mentioned.name });
      const key = personKey(person);
      let index = indexOf.get(key);
      if (index === undefined) {
        index = mentions.push(person) - 1;
        indexOf.set(key, index);
      }
      replacement = `<@${index}>`;
    } else {
      replacement = m.text.replace(AT_TAG, '$1');
    }
    const at = text.indexOf(m.text, cursor);
    if (at < 0) continue;
    const token = SENTINEL(replacements.push(replacement) - 1);
    text = text.slice(0, at) + token + text.slice(at + m.text.length);
    cursor = at + token.length;
  }
  const cleaned = decodeEntities(text.replace(AT_TAG, '$1'))
    .replace(/<@/g, '‹@')
    .replace(SENTINELS, (_, i: string) => replacements[Number(i)] ?? '');
  return { input: { text: cleaned.trim(), mentions }, botMentioned };
}
