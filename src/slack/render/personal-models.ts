// The core's personal views (inbox, help, notices) → Block Kit template data. Usage lines get Slack's
// `/deal ` prefix here: the core keeps them platform-neutral.
import { ACTION } from '../../core/actions.js';
import type { HelpView, InboxView, NoticeView } from '../../core/views.js';
import { SLASH_COMMAND } from '../surface.js';
import { payload } from './deal-models.js';
import { escapeMrkdwn as esc, person, plainText, quote, truncate } from './mrkdwn.js';

const HEADER = 150;
/** Context elements hold at most 3000 characters and are not split across messages. */
const CONTEXT = 2_900;
const MAX_PEOPLE = 30;
/** Long tag texts are cut in the inbox list; the full text is on the deal's timeline. */
const INBOX_TEXT = 1_500;

export function inboxData(v: InboxView, team: string | null) {
  return {
    fallback: esc(`Your inbox: ${v.total} open item${v.total === 1 ? '' : 's'}`),
    title: plainText(`📥 Inbox — ${v.owner.name} · ${v.total} open`, HEADER),
    items: v.items.map((i) => ({
      line: `${i.kind === 'tag' ? '🏷️' : '🤝'} *${esc(i.dealName)}* \`${esc(i.dealId)}\` · from ${person(i.from, team)} · _${esc(i.when)}_\n${quote(esc(truncate(i.text, INBOX_TEXT)))}`,
      canDone: i.kind === 'tag',
      payload: payload({ i: i.id }),
    })),
    isEmpty: v.items.length === 0,
    empty: esc(v.empty),
    hasMore: v.total > v.items.length,
    more: `…and ${v.total - v.items.length} more: mark tags done and answer handoffs to see the next ones.`,
    hasHandoffs: v.items.some((i) => i.kind === 'handoff'),
    handoffHint: 'A handoff leaves your inbox when you accept, decline or reassign it on its card.',
    ids: { done: ACTION.inboxDone },
  };
}

const command = (text: string) => `\`${SLASH_COMMAND} ${esc(text)}\``;

export function helpData(v: HelpView) {
  return {
    fallback: esc(v.title),
    title: plainText(`❓ ${v.title}`, HEADER),
    lines: v.lines.map((l) => `${command(l.usage)}\n${esc(l.summary)}`).join('\n\n'),
    hasExamples: v.examples.length > 0,
    examples: truncate(`Examples: ${v.examples.map(command).join(' · ')}`, CONTEXT),
    footer: 'You can also mention me in a channel, e.g. `@Dealroom status`.',
  };
}

const TONE_ICONS: Record<NoticeView['tone'], string> = {
  info: 'ℹ️',
  success: '✅',
  warning: '⚠️',
  error: '❌',
};

/** "Usage: stage …" → "Usage: `/deal stage …`"; a list of command lines gets the prefix on each. */
function slackUsage(usage: string): string {
  const single = /^Usage:\s*(.*)$/s.exec(usage);
  if (single) return `Usage: ${command(single[1] ?? '')}`;
  return usage
    .split('\n')
    .map((line) => `• ${SLASH_COMMAND} ${esc(line)}`)
    .join('\n');
}

export function noticeData(v: NoticeView, team: string | null) {
  const people = v.people ?? [];
  const shown = people.slice(0, MAX_PEOPLE).map((p) => person(p, team));
  if (people.length > MAX_PEOPLE) shown.push(`and ${people.length - MAX_PEOPLE} more`);
  // Most of the core's sentences start with their own emoji; the tone icon is for the others.
  const icon = /^\p{Extended_Pictographic}/u.test(v.text) ? '' : TONE_ICONS[v.tone];
  return {
    fallback: esc(truncate(v.text, 300)),
    line: icon ? `${icon} ${esc(v.text)}` : esc(v.text),
    hasUsage: Boolean(v.usage),
    usage: v.usage ? truncate(slackUsage(v.usage), CONTEXT) : '',
    hasPeople: shown.length > 0,
    people: shown.join(', '),
  };
}
