// The one HTTP host. Platform adapters mount their own routes through their register(…); no global
// body parser here, because Slack's signature check needs the raw body (DESIGN.md §5).
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from '../logger.js';

export function createHttpApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // An ETag on every JSON answer means hashing every body (a Teams card is ~10 KB) for caches that a
  // bot endpoint never has. Static files (the playground) keep theirs: serve-static sets its own.
  app.set('etag', false);
  return app;
}

/** Last in the chain: unknown routes and anything thrown get a short sentence, never a stack trace. */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found.' });
  });
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    // body-parser marks client mistakes (bad JSON, too large) with a 4xx status: say so plainly.
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error, path: req.path }, 'unhandled error in HTTP route');
    else logger.debug({ path: req.path, status }, 'rejected malformed request');
    if (res.headersSent) return;
    res.status(status).json({
      error:
        status === 413
          ? 'The request body is too large.'
          : status < 500
            ? 'The request could not be read; check that it is well-formed JSON.'
            : 'Something went wrong on our side.',
    });
  };
  app.use(onError);
}
