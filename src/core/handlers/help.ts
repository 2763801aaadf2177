import { COMMAND_NAMES, type Command } from '../commands.js';
import type { Outcome } from '../outcome.js';
import { HELP } from '../parse/usage.js';
import { replyOnly } from '../runtime.js';

const form = (usage: string) => usage.replace(/^Usage:\s*/, '');

export function help(cmd: Extract<Command, { kind: 'help' }>): Outcome {
  if (cmd.topic) {
    const h = HELP[cmd.topic];
    return replyOnly({
      kind: 'help',
      topic: cmd.topic,
      title: `Help: ${cmd.topic}`,
      lines: [{ usage: form(h.usage), summary: h.summary }],
      examples: h.examples,
    });
  }
  return replyOnly({
    kind: 'help',
    title: 'Dealroom commands',
    lines: COMMAND_NAMES.map((name) => ({ usage: form(HELP[name].usage), summary: HELP[name].summary })),
    examples: [],
  });
}
