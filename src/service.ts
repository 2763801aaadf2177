// Wires one running Dealroom: config → store → core → platform registrations → one HTTP server.
// index.ts calls it with the process environment; tests call it with a plain config and port 0.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { type Core, createCore } from './core/core.js';
import { createDispatcher, type Dispatcher } from './core/dispatch.js';
import { createRateLimiter } from './core/rate-limit.js';
import type { Store } from './core/store-port.js';
import { createHttpApp, finishHttpApp } from './http/app.js';
import { registerHealth } from './http/health.js';
import type { Logger } from './logger.js';
import type { PlatformDeps, RawRoute, Registered } from './platform.js';
import { type Playground, startPlayground } from './playground/index.js';
import { register as registerSlack } from './slack/index.js';
import { createStore } from './store/create-store.js';
import { register as registerTeams } from './teams/index.js';
import { startTimerLoop, type TimerLoop } from './timers/timer-loop.js';

export interface Service {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly core: Core;
  readonly dispatcher: Dispatcher;
  readonly timers: TimerLoop;
  /** The local playground, when config.playground is on (its fakes are what the page shows). */
  readonly playground?: Playground;
  /** Stop accepting, finish in-flight requests, stop timers, close the store. Idempotent. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Tests inject a store (e.g. with a random key prefix); otherwise built from config. */
  readonly store?: Store;
  readonly now?: () => number;
  readonly timerIntervalMs?: number;
}

export async function startService(
  config: Config,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<Service> {
  const store = options.store ?? (await createStore({ redisUrl: config.redisUrl, logger })).store;
  if (store.kind === 'memory') {
    logger.warn(
      'REDIS_URL is not set: using the in-memory store. Every deal is LOST when this process stops. Set REDIS_URL for real use.',
    );
  }
  const { user, room } = config.rateLimits;
  // In process memory, per replica: no extra Redis round trip on the write path (see rate-limit.ts).
  const rateLimiter = user || room ? createRateLimiter({ user, room, now: options.now }) : undefined;
  const core = createCore({
    store,
    handoffSlaMs: config.handoffSlaMs,
    now: options.now,
    logger,
    ...(rateLimiter ? { rateLimiter } : {}),
  });
  const dispatcher = createDispatcher(logger);

  let shuttingDown = false;
  const app = createHttpApp();
  registerHealth(app, { store, isShuttingDown: () => shuttingDown });
  // The playground's fakes stand in for Slack and Teams: the adapters run against them, unchanged.
  const playground = config.playground ? await startPlayground(config, logger) : undefined;
  const effective = playground?.config ?? config;
  const deps: PlatformDeps = { config: effective, core, store, dispatcher, logger };
  const platforms: Registered[] = [];
  if (effective.slack) platforms.push(await registerSlack(app, deps));
  if (effective.teams.mode !== 'off') platforms.push(await registerTeams(app, deps));
  let url = '';
  playground?.mount(app, () => url);
  finishHttpApp(app, logger);

  const server: Server = createServer(
    routeRaw(
      platforms.flatMap((p) => p.rawRoutes ?? []),
      app,
      logger,
    ),
  );
  server.listen(config.port);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  for (const p of platforms) await p.start?.();
  const timers = startTimerLoop({
    store,
    core,
    dispatcher,
    logger,
    intervalMs: options.timerIntervalMs,
    now: options.now,
  });
  logger.info({ port, store: store.kind }, `Dealroom listening on http://localhost:${port}/`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      shuttingDown = true;
      // Stop accepting and let in-flight requests finish first: they may still need the platforms
      // (replies, card updates) and the store.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets with no request in flight would hold close() open for minutes.
      server.closeIdleConnections();
      await closed;
      await timers.stop();
      await Promise.all(platforms.map((p) => p.stop()));
      await playground?.stop();
      await store.close();
      logger.info('Dealroom stopped');
    })();
    return stopping;
  };

  return { url, port, store, core, dispatcher, timers, playground, stop };
}

/** Raw routes first (exact method and path), everything else through Express. */
function routeRaw(routes: readonly RawRoute[], app: ReturnType<typeof createHttpApp>, logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    const route = routes.find((r) => r.method === req.method && r.path === path);
    if (!route) return app(req, res);
    try {
      route.listener(req, res);
    } catch (error) {
      logger.error({ err: error, path }, 'unhandled error in a raw route');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Something went wrong on our side.' }));
    }
  };
}
