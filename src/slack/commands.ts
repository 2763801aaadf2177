// `/deal <command>`: run like an app mention, but answered in the body of its ack (slash-answer.ts),
// so this listener acks, not the ack-first middleware. Whatever happens, the ack goes out.
import type { App } from '@slack/bolt';
import type { CommandRunner } from './run-command.js';
import { slashAnswer } from './slash-answer.js';
import { SLASH_COMMAND } from './surface.js';

export function registerCommands(app: App, runner: CommandRunner): void {
  app.command(SLASH_COMMAND, async ({ command, ack }) => {
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
  });
}
