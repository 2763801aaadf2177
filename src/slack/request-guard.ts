// The trust boundary in front of Bolt, and the one place Slack requests are verified and parsed. One
// HMAC per request: not Bolt's isValidSlackRequest, whose tsscmp compare draws a random key and HMACs
// both strings again (three HMACs and a randomBytes per request, ~5% of the server's CPU in the Slack
// benchmark). It reads and parses the body once (Bolt is handed both: http-receiver.ts) and refuses
// with 401 what Slack did not send: a wrong or missing signature, a timestamp more than 5 minutes old
// or in the future (Bolt itself checks only the past), and a replay of a request already received. A
// signed request whose payload Bolt cannot route (an event without an event, a click without actions,
// fields of the wrong type) would never be acked by any listener, so Bolt would hold it for 3 s and
// answer an empty 404: it gets a 400 and a sentence at once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { z } from 'zod';

/** Slack's own payloads are far below this; anything larger is refused before it is parsed. */
const BODY_LIMIT = 1024 * 1024;
/** Slack's signature window: a request is valid for 5 minutes around its timestamp. */
const WINDOW_MS = 5 * 60_000;
const SEEN_MAX = 100_000;
/** `v0=` and the hex of an HMAC-SHA256, as Slack sends it (Bolt compared lowercase hex too). */
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
/** Slack's timestamps are whole seconds. */
const TIMESTAMP = /^[0-9]{1,12}$/;

/**
 * Slack's signature (DESIGN.md §6): HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing
 * secret, compared in constant time. The body's bytes are hashed as they came (they are what Slack
 * signed).
 */
function signedBySlack(secret: string, signature: string, timestamp: string, rawBody: Buffer): boolean {
  if (!SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp)) return false;
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest();
  // Equal lengths (32 bytes both: the pattern above), as timingSafeEqual requires.
  return timingSafeEqual(expected, Buffer.from(signature.slice(3), 'hex'));
}

/**
 * Signatures of verified requests already passed on, for as long as they could be replayed. The
 * signature is an HMAC over timestamp and body, so the same signature is the same request: Slack never
 * sends a slash command or a click twice (each carries a fresh trigger_id). Only verified signatures
 * are kept, so junk traffic cannot push real ones out. Per process: a replay sent to another replica
 * is caught only by the store's idempotency where there is an id (events, forms).
 */
class SeenSignatures {
  private readonly until = new Map<string, number>();

  /** True the first time within the window; false for a replay. */
  claim(signature: string, now: number): boolean {
    for (const [sig, expires] of this.until) {
      if (expires > now && this.until.size < SEEN_MAX) break;
      this.until.delete(sig);
    }
    if (this.until.has(signature)) return false;
    this.until.set(signature, now + 2 * WINDOW_MS);
    return true;
  }
}

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

/** What a body Slack could have sent is: an event (retried by Slack with the same id), or another request. */
export interface Shape {
  readonly kind: 'event' | 'request';
  /** The body as Bolt's parseHTTPRequestBody would parse it: what Bolt's App is given. */
  readonly body: Record<string, unknown>;
}

const FORM = 'application/x-www-form-urlencoded';

/** The body's shape, if Slack could have sent it. Parsed as Bolt parses it, and only once. */
function shapeOf(body: string, contentType: string | undefined): Shape | null {
  try {
    // Bolt reads a form only under exactly this content type, and anything else as JSON.
    if (contentType === FORM) {
      // Bolt's own parser (node:querystring): a field sent twice is an array there, and refused here.
      const form = parse(body);
      if (form.ssl_check === '1') return { kind: 'request', body: form };
      const payload = form.payload;
      if (payload !== undefined) {
        if (typeof payload !== 'string') return null;
        const json: unknown = JSON.parse(payload);
        return Payload.safeParse(json).success ? { kind: 'request', body: json as Shape['body'] } : null;
      }
      return Slash.safeParse(form).success ? { kind: 'request', body: form } : null;
    }
    if (!contentType?.startsWith('application/json')) return null;
    const json: unknown = JSON.parse(body);
    const parsed = JsonBody.safeParse(json);
    if (!parsed.success) return null;
    return { kind: parsed.data.type === 'event_callback' ? 'event' : 'request', body: json as Shape['body'] };
  } catch {
    return null;
  }
}

function answer(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error }));
}

export function guardSlackRequests(
  signingSecret: string,
  next: (req: IncomingMessage & { rawBody: Buffer }, res: ServerResponse, body: Shape['body']) => void,
  now: () => number = Date.now,
): (req: IncomingMessage, res: ServerResponse) => void {
  const seen = new SeenSignatures();
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
      const signature = req.headers['x-slack-signature'];
      const stamp = req.headers['x-slack-request-timestamp'];
      const timestamp = Number(stamp);
      const verified =
        typeof signature === 'string' &&
        typeof stamp === 'string' &&
        // Bolt's staleness rule, to the second.
        timestamp >= Math.floor(now() / 1000) - WINDOW_MS / 1000 &&
        signedBySlack(signingSecret, signature, stamp, rawBody);
      if (!verified) return answer(res, 401, 'The request signature is missing, wrong or too old.');
      if (timestamp * 1000 > now() + WINDOW_MS) {
        return answer(res, 401, 'The request timestamp is in the future.');
      }
      const body = rawBody.toString();
      const shape = shapeOf(body, req.headers['content-type']);
      if (shape === null) {
        return answer(res, 400, 'This request is signed but is not a Slack payload Dealroom can read.');
      }
      // Slack re-sends an unanswered event with `x-slack-retry-num` (not signed, so only trusted for
      // events): its event id makes it apply once in the store.
      const eventRetry = shape.kind === 'event' && req.headers['x-slack-retry-num'] !== undefined;
      if (!eventRetry && !seen.claim(signature, now())) {
        return answer(res, 401, 'This request was already received.');
      }
      // Bolt's BufferedIncomingMessage: the request with the (already consumed) body.
      next(Object.assign(req, { rawBody }), res, shape.body);
    });
  };
}
