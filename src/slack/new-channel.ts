// `/deal new <name> [model] --channel`: a dedicated channel `deal-<slug>` becomes the deal room. Slack
// channel names are lowercase letters, digits, `-` and `_`, at most 80 characters; a taken name gets a
// numeric suffix. Two identical requests racing (a double submit, two replicas) create one channel:
// the first to claim the name in the store creates it, the other is told so.
import { createHash } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Command } from '../core/commands.js';
import type { Core, RequestOptions } from '../core/core.js';
import type { CommandContext } from '../core/outcome.js';
import type { Store } from '../core/store-port.js';
import { notice } from '../core/views.js';
import { type ReplyTarget, slackRoom } from './context.js';
import { slackErrorCode } from './messenger.js';
import type { Replies } from './replies.js';

const MAX_NAME = 80;
const PREFIX = 'deal-';
/** Room for `-99`: the suffix never pushes a name past 80 characters. */
const SUFFIX_ROOM = 3;
const MAX_ATTEMPTS = 20;
/** How long a name stays claimed: longer than any create + invite, shorter than a person's patience. */
const CLAIM_TTL_MS = 60_000;

/** "Acme Expansion (EMEA)!" → "deal-acme-expansion-emea"; names with no Latin letters get a hash. */
export function channelSlug(dealName: string): string {
  const words = dealName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = words || createHash('sha256').update(dealName).digest('hex').slice(0, 8);
  const max = MAX_NAME - PREFIX.length - SUFFIX_ROOM;
  if (base.length <= max) return `${PREFIX}${base}`;
  const cut = base.slice(0, max);
  // Prefer ending at a word boundary, unless that would throw most of the name away.
  const dash = cut.lastIndexOf('-');
  return `${PREFIX}${(dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '')}`;
}

export const candidateNames = (slug: string): string[] =>
  Array.from({ length: MAX_ATTEMPTS }, (_, i) => (i === 0 ? slug : `${slug}-${i + 1}`));

export interface NewChannel {
  create(
    ctx: CommandContext,
    command: Extract<Command, { kind: 'new' }>,
    from: ReplyTarget,
    options?: RequestOptions,
  ): Promise<void>;
}

export interface NewChannelDeps {
  readonly client: webApi.WebClient;
  readonly core: Core;
  readonly store: Store;
  readonly replies: Replies;
}

/** Sentences for the refusals Slack gives most often; anything else goes to the error boundary. */
const REFUSALS: Record<string, string> = {
  restricted_action:
    'Your workspace does not let Dealroom create channels. Create the channel yourself and run /deal new there.',
  missing_scope:
    'Dealroom is not allowed to create channels in this workspace (the app needs the channels:manage scope).',
};

export function createNewChannel(d: NewChannelDeps): NewChannel {
  async function createUnique(slug: string): Promise<{ id: string; name: string } | string> {
    for (const name of candidateNames(slug)) {
      try {
        const res = await d.client.conversations.create({ name, is_private: false });
        const id = res.channel?.id;
        if (!id) throw new Error('conversations.create returned no channel id');
        return { id, name };
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === 'name_taken') continue;
        const sentence = code ? REFUSALS[code] : undefined;
        if (sentence) return sentence;
        throw error;
      }
    }
    return `Every channel name from #${slug} to #${slug}-${MAX_ATTEMPTS} is taken; pick another deal name.`;
  }

  return {
    async create(ctx, command, from, options) {
      // Over the rate limit, no channel is created either.
      const refused = d.core.admit(ctx);
      if (refused) return d.replies.send(from, refused);
      const slug = channelSlug(command.name);
      if (!(await d.store.claimOnce('slack-new-channel', `${ctx.actor.workspace}:${slug}`, CLAIM_TTL_MS))) {
        return d.replies.tell(
          from,
          notice('info', `A channel for "${command.name}" is being created already; look for #${slug}.`),
        );
      }
      const channel = await createUnique(slug);
      if (typeof channel === 'string') return d.replies.tell(from, notice('warning', channel));
      try {
        await d.client.conversations.invite({ channel: channel.id, users: ctx.actor.user });
      } catch (error) {
        // The creator may already be in it (already_in_channel), or be the bot's own user.
        if (!['already_in_channel', 'cant_invite_self'].includes(slackErrorCode(error) ?? '')) throw error;
      }
      const room = slackRoom(ctx.actor.workspace, channel.id);
      const outcome = await d.core.execute({ ...ctx, room }, command, { ...options, admitted: true });
      await d.replies.send({ team: ctx.actor.workspace, channel: channel.id, user: ctx.actor.user }, outcome);
      if (!outcome.readOnly) {
        await d.replies.tell(
          from,
          notice(
            'success',
            `Created the deal room #${channel.name} for "${command.name}" and added you to it.`,
          ),
        );
      }
    },
  };
}
