// Signed Slack requests to any running Dealroom (a child process, a replica): what Slack would send,
// built by the same payload builders as the in-process harness.
import { blockAction, type ClickOptions, slashBody, type Who } from './slack-payloads.js';
import { signedHeaders } from './slack-signing.js';

export interface SlackClient {
  slash(who: Who, text: string): Promise<Response>;
  click(who: Who, o: ClickOptions): Promise<Response>;
}

export function slackClient(baseUrl: string, secret: string): SlackClient {
  const post = (body: string, contentType: 'application/x-www-form-urlencoded') =>
    fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      body,
      headers: signedHeaders(secret, body, contentType),
      signal: AbortSignal.timeout(30_000),
    });
  return {
    slash: (who, text) => post(slashBody(who, text), 'application/x-www-form-urlencoded'),
    click: (who, o) =>
      post(
        `payload=${encodeURIComponent(JSON.stringify(blockAction(who, o)))}`,
        'application/x-www-form-urlencoded',
      ),
  };
}
