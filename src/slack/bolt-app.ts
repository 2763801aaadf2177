// Bolt, configured for Dealroom: one WebClient that talks to SLACK_API_URL, and the receiver.
//
// HTTP mode serves Slack's one URL as a raw route on the service's Node server, ahead of Express
// (RawRoute; DESIGN.md §6 measured a bare Bolt app at ~3.3–4.1k signed /deal req/s on its own
// HTTPReceiver against ~2.1–2.9k on ExpressReceiver). The guard (request-guard.ts) reads, verifies and
// parses the body once, and GuardedHttpReceiver (http-receiver.ts) hands it to the App as Bolt's
// HTTPReceiver would after its own parse. Socket Mode (SLACK_APP_TOKEN) needs no public URL and
// mounts nothing.
import { App, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { RawRoute } from '../platform.js';
import { boltLogger } from './bolt-logger.js';
import { GuardedHttpReceiver } from './http-receiver.js';
import { guardSlackRequests } from './request-guard.js';
import { EVENTS_PATH } from './surface.js';

type SlackConfig = NonNullable<Config['slack']>;

export type SlackReceiver =
  | { readonly mode: 'http'; readonly receiver: GuardedHttpReceiver }
  | { readonly mode: 'socket'; readonly receiver: SocketModeReceiver };

export interface Identity {
  readonly team: string;
  readonly botUserId: string;
  readonly botId: string;
}

export function webClientOptions(
  slack: SlackConfig,
  env: Config['env'],
  logger: Logger,
): webApi.WebClientOptions {
  return {
    slackApiUrl: slack.apiUrl,
    logger: boltLogger(logger),
    // The default policy retries for ~30 minutes; in tests a failed call must fail now. In
    // production a couple of quick retries cover a blip without holding a channel's queue for long.
    retryConfig:
      env === 'test' ? { retries: 0 } : { retries: 2, factor: 2, minTimeout: 1_000, randomize: true },
    // On a 429 the WebClient would pause every call of the app; our outbox waits per channel instead.
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
}

export function createReceiver(
  slack: SlackConfig,
  clientOptions: webApi.WebClientOptions,
  logger: Logger,
): SlackReceiver {
  const log = boltLogger(logger);
  if (slack.appToken) {
    return {
      mode: 'socket',
      receiver: new SocketModeReceiver({
        appToken: slack.appToken,
        logger: log,
        installerOptions: { clientOptions },
      }),
    };
  }
  // Verified, refused or parsed by the guard every request passes first (request-guard.ts, httpRoute
  // below), which also refuses future timestamps and replays: one HMAC and one parse per request.
  return { mode: 'http', receiver: new GuardedHttpReceiver(log) };
}

export class SlackStartError extends Error {
  override name = 'SlackStartError';
}

/** auth.test: who the bot token belongs to. Fails start-up with a sentence when the token is refused. */
export async function whoAmI(client: webApi.WebClient): Promise<Identity> {
  let res: webApi.AuthTestResponse;
  try {
    res = await client.auth.test();
  } catch (error) {
    throw new SlackStartError(
      `Slack did not accept SLACK_BOT_TOKEN (auth.test failed: ${(error as Error).message}). Check the token and SLACK_API_URL.`,
      { cause: error },
    );
  }
  if (!res.team_id || !res.user_id || !res.bot_id) {
    throw new SlackStartError('SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot user).');
  }
  return { team: res.team_id, botUserId: res.user_id, botId: res.bot_id };
}

export function createBoltApp(
  r: SlackReceiver,
  slack: SlackConfig,
  identity: Identity,
  clientOptions: webApi.WebClientOptions,
  logger: Logger,
): App {
  return new App({
    receiver: r.receiver,
    token: slack.botToken,
    // Known from our own auth.test: Bolt then makes no auth.test call of its own.
    botId: identity.botId,
    botUserId: identity.botUserId,
    clientOptions,
    logger: boltLogger(logger),
    // The error boundary needs the request body to tell the right person.
    extendedErrorHandler: true,
    // Bolt's conversation store keeps per-conversation state we never use: one lookup less per request.
    convoStore: false,
    // The router applies Bolt's ignoreSelf rule itself (router.ts): one middleware step less per request.
    ignoreSelf: false,
  });
}

/**
 * HTTP mode: Slack's one request URL, served straight from Node's server ahead of Express (see
 * RawRoute): the guard reads the raw body itself, so Express would only add cost.
 */
export const httpRoute = (receiver: GuardedHttpReceiver, signingSecret: string): RawRoute => ({
  method: 'POST',
  path: EVENTS_PATH,
  listener: guardSlackRequests(signingSecret, (req, res, body) => receiver.handle(req, res, body)),
});
