// Text for Block Kit. Everything a user typed is escaped before it reaches a template, so nothing in
// it becomes live markup: `&`, `<`, `>` as Slack asks (https://docs.slack.dev/messaging/formatting-
// message-text), and the bare words @here / @channel / @everyone are broken with a word joiner,
// because mrkdwn's "automatic parsing" (verbatim: false) may turn them into broadcasts.
import type { PersonView } from '../../core/views.js';
import { SLACK_USER_ID } from '../context.js';

const WORD_JOINER = '\u2060';

/**
 * Template fields the expander could not fill stay as literal `${…}`; renders are checked for that.
 * A user who types `${` would trip the check, so their `${` gets a word joiner too (invisible).
 */
const defuseTemplate = (text: string): string => text.replace(/\$\{/g, `$${WORD_JOINER}{`);

export function escapeMrkdwn(text: string): string {
  return defuseTemplate(
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/@(here|channel|everyone)\b/gi, `@${WORD_JOINER}$1`),
  );
}

/** plain_text is never parsed for markup; it only needs a length cap and the template guard. */
export function plainText(text: string, max: number): string {
  const clean = defuseTemplate(text.replace(/\s+/g, ' ').trim());
  return truncate(clean, max) || '—';
}

/** At most `max` characters, cut at a space when there is one in the last third, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${space > (max * 2) / 3 ? head.slice(0, space) : head}…`;
}

/**
 * A person as Slack shows them: a real `<@U…>` mention when they are a Slack user of the workspace
 * the message goes to (so Slack renders and notifies them), otherwise their name.
 */
export function person(p: PersonView, team: string | null): string {
  const ref = p.ref;
  if (ref && ref.platform === 'slack' && ref.workspace === team && SLACK_USER_ID.test(ref.user)) {
    return `<@${ref.user}>`;
  }
  return `*${escapeMrkdwn(p.name.trim() || 'someone')}*`;
}

/** `<url|label>` for http(s) URLs we can vouch for; anything else is shown as escaped text. */
export function link(url: string, label: string): string {
  if (!URL.canParse(url)) return escapeMrkdwn(url);
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return escapeMrkdwn(url);
  // `|` and `>` would end the link markup early; percent-encode them.
  const href = escapeMrkdwn(parsed.href.replace(/\|/g, '%7C').replace(/>/g, '%3E'));
  return `<${href}|${escapeMrkdwn(label)}>`;
}

/** "> " before every line: a Slack quote block. */
export const quote = (mrkdwn: string): string =>
  mrkdwn
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
