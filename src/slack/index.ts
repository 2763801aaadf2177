// The Slack adapter: one register(app, deps), as in Slack's bolt-js starter template. It checks the
// bot token (auth.test against SLACK_API_URL), builds Bolt on the chosen receiver, routes every
// command, event, action and view of surface.ts through one middleware (router.ts) with the error
// boundary behind it, and gives the dispatcher a sink for Slack.
import { webApi } from '@slack/bolt';
import { Background } from '../background.js';
import type { Register } from '../platform.js';
import { actionHandler } from './actions.js';
import { createBoltApp, createReceiver, httpRoute, webClientOptions, whoAmI } from './bolt-app.js';
import { commandHandler } from './commands.js';
import { declineFormHandler } from './decline-form.js';
import { registerErrorBoundary } from './error-boundary.js';
import { eventHandlers } from './events.js';
import { createMessenger } from './messenger.js';
import { ackThenRoute } from './middleware.js';
import { createNewChannel } from './new-channel.js';
import { createOutbox } from './outbox.js';
import { createPeople } from './people.js';
import { createReplies } from './replies.js';
import { createRouter } from './router.js';
import { createCommandRunner } from './run-command.js';
import { createSlackSink } from './sink.js';

/** How long shutdown waits for queued messages (a 429 may hold a channel) before giving up. */
const DRAIN_MS = 5_000;

export const register: Register = async (_app, deps) => {
  const slack = deps.config.slack;
  if (!slack) return { stop: async () => undefined };
  const { core, store, dispatcher } = deps;
  const logger = deps.logger.child({ platform: 'slack' });

  const clientOptions = webClientOptions(slack, deps.config.env, logger);
  const client = new webApi.WebClient(slack.botToken, clientOptions);
  const identity = await whoAmI(client);
  const receiver = createReceiver(slack, clientOptions, logger);
  const bolt = createBoltApp(receiver, slack, identity, clientOptions, logger);

  const outbox = createOutbox(logger);
  const messenger = createMessenger(client, outbox, store);
  const people = createPeople(client, store, logger);
  // Notifications follow a request's answer without holding the request (background.ts).
  const background = new Background(logger);
  const replies = createReplies(messenger, store, dispatcher, background, logger);
  const newChannel = createNewChannel({ client, core, store, replies });
  const runner = createCommandRunner({
    core,
    people,
    replies,
    newChannel,
    messenger,
    botUserId: identity.botUserId,
    team: identity.team,
  });
  dispatcher.register('slack', createSlackSink({ messenger, store, logger, team: identity.team }));

  // No app.command / app.event / app.action / app.view listeners: the router matches as they would,
  // in one middleware step per request instead of Bolt's chain per listener (router.ts).
  const route = createRouter({
    command: commandHandler(runner),
    events: eventHandlers({
      core,
      dispatcher,
      background,
      messenger,
      people,
      runner,
      store,
      botUserId: identity.botUserId,
      logger,
    }),
    action: actionHandler({ core, people, replies, client }),
    declineForm: declineFormHandler({ core, people, replies, store }),
  });
  bolt.use(ackThenRoute(store, logger, route));
  registerErrorBoundary(bolt, replies, logger);

  logger.info({ mode: receiver.mode, team: identity.team }, 'Slack connected');

  let connected = false;
  return {
    rawRoutes: receiver.mode === 'http' ? [httpRoute(receiver.receiver, slack.signingSecret)] : [],
    // Socket Mode opens its connection once the service is up; HTTP mode is already mounted.
    start:
      receiver.mode === 'socket'
        ? async () => {
            await bolt.start();
            connected = true;
          }
        : undefined,
    async stop() {
      if (connected) await bolt.stop();
      // Deliveries first (they put their posts in the outbox), then what the outbox still holds.
      await background.drain(DRAIN_MS);
      await outbox.drain(DRAIN_MS);
    },
  };
};
