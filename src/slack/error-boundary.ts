// The one error boundary for Slack (bolt-js `app.error`): whatever a handler throws is logged with its
// detail, and the person who asked gets one sentence (never the error's message or a stack). A
// message the bot merely overheard gets no answer: nobody asked.
import type { App } from '@slack/bolt';
import { userSentenceFor } from '../core/errors.js';
import type { WorkspaceId } from '../core/ids.js';
import { notice } from '../core/views.js';
import type { Logger } from '../logger.js';
import type { ReplyTarget } from './context.js';
import { OutboxFullError } from './outbox.js';
import type { Replies } from './replies.js';

/** Bolt's ExtendedErrorHandlerArgs (not exported): the last overload of app.error. */
type ExtendedErrorArgs = Parameters<Parameters<App['error']>[0]>[0];

interface AnyBody {
  readonly type?: string;
  readonly command?: string;
  readonly channel_id?: string;
  readonly user_id?: string;
  readonly response_url?: string;
  readonly user?: { readonly id?: string };
  readonly channel?: { readonly id?: string };
  readonly container?: { readonly channel_id?: string };
  readonly view?: { readonly private_metadata?: string };
  readonly event?: { readonly type?: string; readonly channel?: string; readonly user?: string };
}

function channelOfForm(metadata: string | undefined): string | undefined {
  try {
    const ch = (JSON.parse(metadata ?? '') as { ch?: unknown }).ch;
    return typeof ch === 'string' ? ch : undefined;
  } catch {
    return undefined;
  }
}

/** Who to tell, and where: the person who typed the command or clicked; nobody for listened messages. */
export function targetOf(body: AnyBody, team: string | undefined): ReplyTarget | null {
  if (!team) return null;
  const at = (channel: string | undefined, user: string | undefined, responseUrl?: string) =>
    channel && user
      ? { team: team as WorkspaceId, channel, user, ...(responseUrl ? { responseUrl } : {}) }
      : null;
  if (body.command) return at(body.channel_id, body.user_id, body.response_url);
  if (body.type === 'block_actions')
    return at(body.channel?.id ?? body.container?.channel_id, body.user?.id, body.response_url);
  if (body.type === 'view_submission') return at(channelOfForm(body.view?.private_metadata), body.user?.id);
  if (body.type === 'event_callback' && body.event?.type === 'app_mention')
    return at(body.event.channel, body.event.user);
  return null;
}

export function registerErrorBoundary(app: App, replies: Replies, logger: Logger): void {
  app.error(async ({ error, body, context }: ExtendedErrorArgs) => {
    // Bolt wraps errors without a `code` in UnknownError; the cause decides the sentence.
    const cause = (error as { original?: unknown }).original ?? error;
    const b = (body ?? {}) as AnyBody;
    // A full send queue is reported by the outbox itself, and telling the person would queue behind it.
    if (cause instanceof OutboxFullError) return;
    logger.error({ err: cause, type: b.type, command: b.command }, 'Slack request failed');
    const target = targetOf(b, context.teamId);
    if (!target) return;
    await replies.tell(target, notice('error', userSentenceFor(cause))).catch((tellError: unknown) => {
      logger.error({ err: tellError }, 'could not tell the user about an error');
    });
  });
}
