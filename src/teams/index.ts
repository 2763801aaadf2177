// Microsoft Teams at POST /api/messages. Every botbuilder import stays inside src/teams/, so a move
// to the Teams SDK touches one folder. botbuilder and the card engine take ~1.5 s of CPU to load
// (measured here under tsx), and Teams is on by default for local use even where nobody uses it, so
// they load on first use: the first activity (or notification) waits; start-up and Slack do not.
import type { RequestHandler } from 'express';
import type { PlatformSink } from '../core/dispatch.js';
import type { Register } from '../platform.js';
import type { TeamsApp } from './app.js';
import { MESSAGES_PATH, TEAMS_REF } from './paths.js';

export const register: Register = (app, deps) => {
  const log = deps.logger.child({ platform: 'teams' });
  let loading: Promise<TeamsApp> | undefined;
  const teams = () => {
    loading ??= import('./app.js').then((m) => m.createTeamsApp(deps, log));
    return loading;
  };
  const route: RequestHandler = (req, res, next) => {
    if (req.path !== MESSAGES_PATH) return next();
    teams().then((t) => t.router(req, res, next), next);
  };
  app.use(route);
  const sink: PlatformSink = {
    toRoom: async (...a) => (await teams()).sink.toRoom(...a),
    toPerson: async (...a) => (await teams()).sink.toPerson(...a),
    // Every platform's sink hears every card update: a deal with no Teams copy need not load Teams.
    update: async (u) => {
      if (!loading && !(await deps.store.cardRefs(u.dealId, u.cardKey)).some((r) => r.startsWith(TEAMS_REF)))
        return;
      await (await teams()).sink.update(u);
    },
  };
  deps.dispatcher.register('teams', sink);
  if (deps.config.teams.mode === 'unauthenticated') {
    log.warn(
      'MICROSOFT_APP_ID is not set: Teams requests are NOT authenticated. Use this for local testing only.',
    );
  }
  return {
    stop: async () => {
      if (loading) await (await loading).stop();
    },
  };
};
