// POST /api/messages: JSON parsing on this route only (a global body parser would break Slack's
// signature check), a shape check, authentication, then the bot. Every failure is a status and one
// sentence: never a stack trace, never a hang.
import express, { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { invokeBodyJson } from './activities.js';
import type { DealroomAdapter } from './adapter.js';
import { authenticate } from './auth.js';
import type { DealroomBot } from './bot.js';
import { MESSAGES_PATH } from './paths.js';

// Bot Framework activities are small; a card submit with inputs is a few KB.
const BODY_LIMIT = '256kb';

const InboundActivity = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }),
});

export interface RouteDeps {
  readonly adapter: DealroomAdapter;
  readonly bot: DealroomBot;
  readonly auth: Parameters<typeof authenticate>[0];
  readonly mode: Config['teams']['mode'];
  readonly logger: Logger;
}

/** As botbuilder's own HTTP path does: ISO timestamps become Dates, the raw strings are kept. */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  const out = { ...activity };
  for (const [key, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = out[key];
    if (typeof value === 'string') {
      out[raw] = value;
      out[key] = new Date(value);
    }
  }
  return out;
}

const say = (res: express.Response, status: number, error: string) => {
  res.status(status).json({ error });
};

export function messagesRouter(d: RouteDeps): Router {
  const router = Router();
  const handle: RequestHandler = async (req, res) => {
    const parsed = InboundActivity.safeParse(req.body);
    if (!parsed.success) {
      say(
        res,
        400,
        'The request body must be a Bot Framework activity (JSON with type, serviceUrl, channelId, conversation, from and recipient).',
      );
      return;
    }
    const activity = withDates(parsed.data) as unknown as Parameters<DealroomAdapter['runAuthenticated']>[1];
    const header = req.get('authorization') ?? '';
    const auth = await authenticate(d.auth, d.mode, activity, header);
    if (!auth.ok) {
      d.logger.info({ reason: String(auth.reason) }, 'refused an unauthenticated Teams request');
      say(
        res,
        401,
        'Unauthorized: this endpoint accepts only requests signed by the Bot Framework for this bot.',
      );
      return;
    }
    try {
      const answer = await d.adapter.runAuthenticated(auth.result, activity, (context) => d.bot.run(context));
      if (answer?.body !== undefined) {
        const body = answer.body as object;
        res.status(answer.status).type('application/json').send(invokeBodyJson(body));
      } else res.status(answer?.status ?? 200).end();
    } catch (error) {
      // Turn errors are handled by onTurnError; this is the adapter failing around the turn.
      d.logger.error({ err: error, type: activity.type }, 'Teams activity could not be processed');
      if (!res.headersSent)
        say(res, 500, 'Something went wrong on our side; the activity was not processed.');
    }
  };
  const badJson: ErrorRequestHandler = (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 413) say(res, 413, 'The activity is too large.');
    else if (status < 500)
      say(res, status, 'The request body is not valid JSON; send a Bot Framework activity.');
    else next(error);
  };
  router.post(MESSAGES_PATH, express.json({ limit: BODY_LIMIT }), handle, badJson);
  return router;
}
