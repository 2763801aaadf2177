// `/deal <command>`: run like an app mention, but answered in the body of its ack (slash-answer.ts),
// so this handler acks, not the ack-first middleware. Whatever happens, the ack goes out.
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { CommandRunner } from './run-command.js';
import { slashAnswer } from './slash-answer.js';

/** The `/deal` handler (the router sends it SLASH_COMMAND only). */
export function commandHandler(
  runner: CommandRunner,
): (args: Pick<SlackCommandMiddlewareArgs, 'command' | 'ack'>) => Promise<void> {
  return async ({ command, ack }) => {
    const answer = slashAnswer(ack);
    try {
      await runner.run({
        team: command.team_id,
        user: command.user_id,
        userName: command.user_name,
        channel: command.channel_id,
        text: command.text,
        responseUrl: command.response_url,
        answer,
      });
    } finally {
      await answer.close();
    }
  };
}
