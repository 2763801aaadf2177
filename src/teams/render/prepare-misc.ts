// Template data for help, notices and the install welcome.
import type { HelpView, NoticeView } from '../../core/views.js';
import type { Mentions } from './mentions.js';
import { safe, TONE_COLOR } from './text.js';

/** How a command is typed in a Teams channel: the usage lines are platform-neutral. */
export const COMMAND_PREFIX = '@Dealroom ';

export function helpData(v: HelpView) {
  return {
    fallbackText: v.title,
    title: v.title,
    lines: v.lines.map((l) => ({ usage: `${COMMAND_PREFIX}${l.usage}`, summary: l.summary })),
    examples: v.examples.map((e) => ({ line: `${COMMAND_PREFIX}${e}` })),
  };
}

export function noticeData(v: NoticeView, m: Mentions) {
  return {
    fallbackText: safe(v.text, 300),
    text: safe(v.text, 3000),
    color: TONE_COLOR[v.tone],
    ...(v.usage ? { usage: v.usage.replace(/^Usage: /, `Usage: ${COMMAND_PREFIX}`) } : {}),
    ...(v.people?.length ? { people: `People: ${m.list(v.people)}` } : {}),
  };
}

/** The card posted when Dealroom is added to a team or chat: what it is and how to start. */
export function welcomeData() {
  return {
    fallbackText: 'Dealroom is here: type @Dealroom help to start.',
    title: 'Dealroom is here 👋',
    intro:
      'Dealroom turns a channel into a deal room: tag teammates, log research once a deal is qualified, hand qualified leads to account managers with buttons, and see the whole timeline.',
    startTitle: 'To start, mention me with a command:',
    steps: [
      {
        line: `1. \`${COMMAND_PREFIX}new Acme expansion outbound\` — make this channel the room of a new deal.`,
      },
      { line: `2. \`${COMMAND_PREFIX}stage next\`, \`${COMMAND_PREFIX}tag @Ann can you size the market?\`` },
      {
        line: `3. \`${COMMAND_PREFIX}escalate @Alex budget confirmed\` — hand the lead to an account manager.`,
      },
      { line: `4. \`${COMMAND_PREFIX}help\` — every command.` },
    ],
    listening:
      'In a deal room I also record plain messages that @mention teammates as tags (turn it off with listen off).',
  };
}
