// The Teams adapter proper: botbuilder's CloudAdapter and a TeamsActivityHandler behind
// POST /api/messages, the dispatcher's Teams sink, and the background queue. index.ts loads it.
import type { Router } from 'express';
import { Background } from '../background.js';
import type { PlatformSink } from '../core/dispatch.js';
import type { PlatformDeps } from '../platform.js';
import { DealroomAdapter } from './adapter.js';
import { createBotAuth } from './auth.js';
import { DealroomBot } from './bot.js';
import { Proactive } from './proactive.js';
import { TeamsRefs } from './refs.js';
import { messagesRouter } from './route.js';
import type { TeamsRuntime } from './runtime.js';
import { createSink } from './sink.js';
import { installTurnErrorBoundary } from './turn-error.js';

export interface TeamsApp {
  readonly router: Router;
  readonly sink: PlatformSink;
  stop(): Promise<void>;
}

/** How long shutdown waits for deliveries that follow a turn (as the Slack adapter does). */
const DRAIN_MS = 5_000;

export function createTeamsApp(deps: PlatformDeps, log: PlatformDeps['logger']): TeamsApp {
  const { config, store } = deps;
  const auth = createBotAuth(config.teams);
  const adapter = new DealroomAdapter(auth);
  installTurnErrorBoundary(adapter, log);
  const refs = new TeamsRefs(store, log);
  const proactive = new Proactive(adapter, config.teams.appId ?? '', refs, log);
  const sink = createSink(proactive, store, log);
  const background = new Background(log);
  const rt: TeamsRuntime = { deps: { ...deps, logger: log }, refs, proactive, sink, background };
  const bot = new DealroomBot(rt);
  return {
    router: messagesRouter({ adapter, bot, auth, mode: config.teams.mode, logger: log }),
    sink,
    // Bounded: a notification stuck behind a slow peer must not hold up shutdown.
    stop: () => background.drain(DRAIN_MS),
  };
}
