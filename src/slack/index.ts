// The Slack adapter: one register(app, deps), as in Slack's bolt-js starter template. It checks the
// bot token (auth.test against SLACK_API_URL), builds Bolt on the chosen receiver, registers every
// listener of surface.ts plus the error boundary, and gives the dispatcher a sink for Slack.
import { webApi } from '@slack/bolt';
import type { Register } from '../platform.js';
import { registerActions } from './actions.js';
import { createBoltApp, createReceiver, httpRoute, webClientOptions, whoAmI } from './bolt-app.js';
import { registerCommands } from './commands.js';
import { registerDeclineForm } from './decline-form.js';
import { registerErrorBoundary } from './error-boundary.js';
import { registerEvents } from './events.js';
import { createMessenger } from './messenger.js';
import { ackFirst, dropDoubleClicks } from './middleware.js';
import { createNewChannel } from './new-channel.js';
import { createOutbox } from './outbox.js';
import { createPeople } from './people.js';
import { createReplies } from './replies.js';
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
  const replies = createReplies(messenger, store, dispatcher, logger);
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

  bolt.use(ackFirst());
  bolt.use(dropDoubleClicks(store, logger));
  registerCommands(bolt, runner);
  registerEvents(bolt, {
    core,
    dispatcher,
    messenger,
    people,
    runner,
    store,
    botUserId: identity.botUserId,
    logger,
  });
  registerActions(bolt, { core, people, replies, client });
  registerDeclineForm(bolt, { core, people, replies, store });
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
      await outbox.drain(DRAIN_MS);
    },
  };
};
