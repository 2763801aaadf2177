// The local playground (issue 6): with no Slack or Teams account, a browser at `/` works a deal as a
// sales team would. It starts the two fakes the adapters' tests use (a Slack Web API and a Bot
// Framework connector), points the real adapters at them through the config it hands back, and
// mounts the page and its API. Only when config.playground is true, which config never allows in
// production.
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { type FakeConnector, startFakeConnector } from './fake-connector.js';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.js';
import { Feed } from './feed.js';
import { PERSONAS, SLACK } from './personas.js';
import { Rooms } from './rooms.js';
import { playgroundRouter } from './routes.js';
import { createSlackRequests } from './slack-requests.js';
import { createTeamsRequests } from './teams-requests.js';

export interface Playground {
  /** The config the service runs with: Slack against the fake Web API, Teams unauthenticated. */
  readonly config: Config;
  readonly slackApi: FakeSlackApi;
  readonly connector: FakeConnector;
  /** Mounts `/` and `/playground/…`; `baseUrl` is the service's own URL, valid once it listens. */
  mount(app: Express, baseUrl: () => string): void;
  stop(): Promise<void>;
}

export async function startPlayground(config: Config, logger: Logger): Promise<Playground> {
  if (!config.playground || config.env === 'production') {
    throw new Error('the playground runs only when config.playground is set, never in production');
  }
  const log = logger.child({ component: 'playground' });
  const slackApi = await startFakeSlackApi({
    teamId: SLACK.teamId,
    teamDomain: SLACK.domain,
    botUserId: SLACK.botUserId,
    users: PERSONAS.map((p) => ({
      id: p.slack.id,
      name: p.slack.handle,
      displayName: p.name,
      realName: p.name,
    })),
  });
  const connector = await startFakeConnector();
  for (const p of PERSONAS) {
    connector.addMember({ id: p.teams.id, name: p.name, aadObjectId: p.teams.aadObjectId });
  }
  // A fresh secret per run: the page's requests are signed like Slack's, and nobody else can sign them.
  const secret = randomBytes(24).toString('hex');
  const effective: Config = {
    ...config,
    slack: { signingSecret: secret, botToken: 'xoxb-playground', apiUrl: slackApi.url },
    slackApiUrl: slackApi.url,
    teams: { ...config.teams, mode: 'unauthenticated' },
  };
  if (config.slack || config.teams.mode === 'authenticated') {
    log.warn(
      'PLAYGROUND=on: Slack and Teams talk to the playground fakes, not to the configured workspaces.',
    );
  }

  let baseUrl: () => string = () => {
    throw new Error('the playground was not mounted');
  };
  const slack = createSlackRequests({
    secret,
    baseUrl: () => baseUrl(),
    responseUrl: (id) => slackApi.responseUrl(id),
  });
  const teams = createTeamsRequests({ baseUrl: () => baseUrl(), serviceUrl: connector.url });
  const feed = new Feed(slackApi, connector, slack.personaOfTrigger);
  const rooms = new Rooms();

  // Teams says hello when the app is added to a team: the first room starts with the welcome card.
  let installed: Promise<void> | undefined;
  const ready = () => {
    installed ??= (async () => {
      const first = rooms.all()[0];
      const admin = PERSONAS.find((p) => p.role === 'manager');
      if (!first || !admin) return;
      const answer = await teams.install(admin, first.teams.id);
      if (answer.status >= 300) log.warn({ status: answer.status }, 'the Teams install event was refused');
    })().catch((error: unknown) => {
      installed = undefined;
      throw error;
    });
    return installed;
  };

  return {
    config: effective,
    slackApi,
    connector,
    mount(app, url) {
      baseUrl = url;
      app.use(playgroundRouter({ feed, rooms, slack, teams, ready, logger: log }));
      log.info(
        'Local playground at / : open the URL below in a browser to work a deal in Slack and Teams, no account needed',
      );
    },
    async stop() {
      await Promise.all([slackApi.close(), connector.close()]);
    },
  };
}
