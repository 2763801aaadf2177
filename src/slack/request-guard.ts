// The trust boundary in front of Bolt. A correctly signed request whose payload Bolt cannot route
// (an event without an event, a click without actions, fields of the wrong type) is never acked by
// any listener, so Bolt would hold it for 3 s and answer an empty 404. This reads the body once
// (Bolt reuses it: `rawBody`), checks the shape with zod, and answers such requests at once with a
// 400 and a sentence. Unsigned or stale requests are left to Bolt, which refuses them with 401.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';
import { z } from 'zod';

/** Slack's own payloads are far below this; anything larger is refused before it is parsed. */
const BODY_LIMIT = 1024 * 1024;

const id = z.string().min(1).max(256);
const Event = z.object({ type: z.literal('event_callback'), event: z.object({ type: id }).loose() }).loose();
const JsonBody = z.union([
  Event,
  z.object({ type: z.literal('url_verification'), challenge: z.string() }).loose(),
  z.object({ type: z.literal('ssl_check') }).loose(),
]);
const Click = z
  .object({
    type: z.literal('block_actions'),
    user: z.object({ id }).loose(),
    actions: z.array(z.object({ action_id: id }).loose()).min(1),
  })
  .loose();
const ViewSubmission = z
  .object({
    type: z.enum(['view_submission', 'view_closed']),
    user: z.object({ id }).loose(),
    view: z.object({ callback_id: z.string() }).loose(),
  })
  .loose();
const Payload = z.union([Click, ViewSubmission]);
const Slash = z.object({ command: id, user_id: id, channel_id: id, team_id: id, text: z.string() }).loose();

function wellFormed(body: string, contentType: string | undefined): boolean {
  try {
    if (contentType?.startsWith('application/json')) return JsonBody.safeParse(JSON.parse(body)).success;
    const form = new URLSearchParams(body);
    if (form.get('ssl_check') === '1') return true;
    const payload = form.get('payload');
    if (payload !== null) return Payload.safeParse(JSON.parse(payload)).success;
    return Slash.safeParse(Object.fromEntries(form)).success;
  } catch {
    return false;
  }
}

function answer(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error }));
}

export function guardSlackRequests(
  signingSecret: string,
  next: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('error', () => answer(res, 400, 'The request body could not be read.'));
    req.on('end', () => {
      if (size > BODY_LIMIT) return answer(res, 413, 'The request body is too large.');
      const rawBody = Buffer.concat(chunks);
      const body = rawBody.toString();
      // Bolt checks the signature of what it is passed; here it is checked only to tell a signed but
      // malformed payload (400) from one Bolt refuses (401): one HMAC per good request, not two.
      const signed = () =>
        isValidSlackRequest({
          signingSecret,
          body,
          headers: {
            'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
            'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
          },
        });
      if (!wellFormed(body, req.headers['content-type']) && signed()) {
        return answer(res, 400, 'This request is signed but is not a Slack payload Dealroom can read.');
      }
      // Bolt reads `rawBody` instead of the (already consumed) stream.
      Object.assign(req, { rawBody });
      next(req, res);
    });
  };
}
