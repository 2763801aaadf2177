// `/deal <command>`: acked by the ack-first middleware, then run like an app mention.
import type { App } from '@slack/bolt';
import type { CommandRunner } from './run-command.js';
import { SLASH_COMMAND } from './surface.js';

export function registerCommands(app: App, runner: CommandRunner): void {
  app.command(SLASH_COMMAND, async ({ command }) => {
    await runner.run({
      team: command.team_id,
      user: command.user_id,
      userName: command.user_name,
      channel: command.channel_id,
      text: command.text,
      responseUrl: command.response_url,
    });
  });
}
