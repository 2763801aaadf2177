// What every platform adapter gets from the service, and what it gives back. Each platform folder
// exports one `register(app, deps)` (bolt-js starter template style).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Config } from './config.js';
import type { Core } from './core/core.js';
import type { Dispatcher } from './core/dispatch.js';
import type { Store } from './core/store-port.js';
import type { Logger } from './logger.js';

export interface PlatformDeps {
  readonly config: Config;
  readonly core: Core;
  readonly store: Store;
  /** Register this platform's sink here, so timers and the other platform can reach its rooms. */
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
}

/**
 * A route served straight from Node's HTTP server, ahead of Express: for a listener that owns its
 * whole request (the Slack guard reads the raw body for the signature), Express's per-request
 * work is pure overhead on the hottest path.
 */
export interface RawRoute {
  readonly method: 'POST';
  readonly path: string;
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface Registered {
  readonly rawRoutes?: readonly RawRoute[];
  /** Called after the HTTP server listens (e.g. to open a Socket Mode connection). */
  start?(): Promise<void>;
  /** Called on shutdown, before the store closes: stop background work, flush queues. */
  stop(): Promise<void>;
}

export type Register = (app: Express, deps: PlatformDeps) => Promise<Registered> | Registered;
