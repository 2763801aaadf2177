// A typed command, from `/deal …` or `@Dealroom …`: resolve mentions, run it through the core, show
// the outcome. `new … --channel` first makes the channel the deal will live in.
import type { Core, RequestOptions } from '../core/core.js';
import { parseCommand } from '../core/parse/index.js';
import { notice } from '../core/views.js';
import { commandContext, type ReplyTarget, slackPerson } from './context.js';
import { toCommandInput } from './mentions.js';
import type { Messenger } from './messenger.js';
import type { NewChannel } from './new-channel.js';
import type { People } from './people.js';
import type { Replies } from './replies.js';
import type { SlashAnswer } from './slash-answer.js';

export interface CommandRunner {
  run(source: CommandSource): Promise<void>;
}

export interface CommandSource {
  readonly team: string;
  readonly user: string;
  /** The handle Slack gave for the user (slash commands carry one; events do not). */
  readonly userName?: string;
  readonly channel: string;
  /** The command text as Slack sent it (markup and escapes included). */
  readonly text: string;
  readonly responseUrl?: string;
  /** For a delivery Slack may repeat (an event): its identity for the core, and whether it is a repeat. */
  readonly options?: RequestOptions;
  readonly repeat?: boolean;
  /** A slash command's open ack (see slash-answer.ts). */
  readonly answer?: SlashAnswer;
}

export interface RunnerDeps {
  readonly core: Core;
  readonly people: People;
  readonly replies: Replies;
  readonly newChannel: NewChannel;
  readonly messenger: Messenger;
  readonly botUserId: string;
  /** The workspace the bot token belongs to: the only one Dealroom can post in. */
  readonly team: string;
}

const OTHER_WORKSPACE =
  'Dealroom is installed for another Slack workspace, so it could not post in this channel: a deal room has to be in that workspace.';

export function createCommandRunner(d: RunnerDeps): CommandRunner {
  return {
    async run(s) {
      const nameOf = (user: string, hint?: string) => d.people.nameOf(s.team, user, hint);
      const [actorName, input] = await Promise.all([
        nameOf(s.user, s.userName),
        toCommandInput(s.text, { team: s.team, botUserId: d.botUserId, nameOf }),
      ]);
      const ctx = commandContext(slackPerson(s.team, s.user, actorName), s.channel);
      const target: ReplyTarget = {
        team: ctx.actor.workspace,
        channel: s.channel,
        user: s.user,
        ...(s.responseUrl ? { responseUrl: s.responseUrl } : {}),
        ...(s.repeat ? { repeat: true } : {}),
        ...(s.answer ? { answer: s.answer } : {}),
      };
      const parsed = parseCommand(input);
      if (parsed.ok && parsed.command.kind === 'new' && parsed.command.createChannel) {
        return d.newChannel.create(ctx, parsed.command, target, s.options);
      }
      const startsRoom =
        parsed.ok && ['new', 'link', 'link-code'].includes(parsed.command.kind) && ctx.room !== null;
      // The core gets this parse: the command is parsed once, here, to route it.
      if (!startsRoom) return d.replies.send(target, await d.core.runParsed(ctx, parsed, s.options));
      // One bot token, one workspace: a room elsewhere would be linked and then never hear a thing.
      if (s.team !== d.team) return d.replies.tell(target, notice('warning', OTHER_WORKSPACE));
      // A deal room must be one the bot is in: to post its cards and to hear it (listening). The join
      // is work done before the core, so the rate limit is taken first.
      const refused = d.core.admit(ctx);
      if (refused) return d.replies.send(target, refused);
      await d.messenger.join(s.channel);
      await d.replies.send(target, await d.core.runParsed(ctx, parsed, { ...s.options, admitted: true }));
    },
  };
}
