// The router stands in for app.command / app.event / app.action / app.view listeners: through Bolt's
// own processEvent, each request reaches the handler those listeners would have run, and only it.
import { App, type Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ACTION, DECLINE_MODAL } from '../../src/core/actions.js';
import { createRouter } from '../../src/slack/router.js';

const noReceiver: Receiver = {
  init: () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
};

/** Bolt's App as bolt-app.ts makes it: the router applies ignoreSelf itself. */
const newApp = () =>
  new App({
    receiver: noReceiver,
    token: 'xoxb-test',
    botId: 'BSELF',
    botUserId: 'USELF',
    ignoreSelf: false,
  });

function routed() {
  const calls: string[] = [];
  const app = newApp();
  const record = (name: string) => async () => {
    calls.push(name);
  };
  app.use(
    createRouter({
      command: record('command'),
      events: { app_mention: record('app_mention'), message: record('message') },
      action: record('action'),
      declineForm: record('declineForm'),
    }),
  );
  // What reaches Bolt's listeners: requests the router does not claim.
  app.use(async ({ body }) => {
    calls.push(`next:${(body as { type?: string }).type ?? (body as { command?: string }).command}`);
  });
  const send = async (body: Record<string, unknown>) => {
    calls.length = 0;
    await app.processEvent({ body, ack: async () => undefined });
    return [...calls];
  };
  return { send };
}

const event = (type: string, extra: Record<string, unknown> = {}) => ({
  type: 'event_callback',
  team_id: 'T1',
  event_id: 'Ev1',
  event: { type, user: 'U1', text: 'hi', channel: 'C1', ts: '1.1', ...extra },
});
const click = (actionId: string) => ({
  type: 'block_actions',
  team: { id: 'T1' },
  user: { id: 'U1' },
  channel: { id: 'C1' },
  actions: [{ action_id: actionId, block_id: 'b', value: '{}' }],
});
const form = (type: string, callbackId: string) => ({
  type,
  team: { id: 'T1' },
  user: { id: 'U1' },
  view: { id: 'V1', callback_id: callbackId, private_metadata: '', state: { values: {} } },
});

describe('the Slack router', () => {
  it.each([
    [
      '/deal',
      { command: '/deal', team_id: 'T1', user_id: 'U1', channel_id: 'C1', text: 'help' },
      ['command'],
    ],
    [
      'another command',
      { command: '/other', team_id: 'T1', user_id: 'U1', channel_id: 'C1', text: '' },
      ['next:/other'],
    ],
    ['an app mention', event('app_mention'), ['app_mention']],
    ['a message', event('message'), ['message']],
    ['another event', event('reaction_added'), ['next:event_callback']],
    // Bolt's ignoreSelf: what the bot itself did is not handled, except joining and leaving.
    ['a mention by the bot itself', event('app_mention', { user: 'USELF' }), []],
    ['a message by the bot user', event('message', { user: 'USELF' }), []],
    [
      'a bot_message of this bot',
      event('message', { user: undefined, subtype: 'bot_message', bot_id: 'BSELF' }),
      [],
    ],
    [
      'a bot_message of another bot',
      event('message', { user: undefined, subtype: 'bot_message', bot_id: 'BOTHER' }),
      ['message'],
    ],
    ['the bot joining a channel', event('member_joined_channel', { user: 'USELF' }), ['next:event_callback']],
    ['a click on one of ours', click(ACTION.handoffAccept), ['action']],
    ['a click on an id that is not ours', click('someone_elses_button'), ['next:block_actions']],
    ['the decline form', form('view_submission', DECLINE_MODAL), ['declineForm']],
    ['the decline form closed', form('view_closed', DECLINE_MODAL), ['next:view_closed']],
    ['another form', form('view_submission', 'other_modal'), ['next:view_submission']],
  ])('sends %s where the listeners would have', async (_what, body, expected) => {
    expect(await routed().send(body)).toEqual(expected);
  });

  it('passes a handler’s error to Bolt’s error handler', async () => {
    const app = newApp();
    const none = async () => undefined;
    app.use(
      createRouter({
        command: async () => {
          throw new Error('boom');
        },
        events: { app_mention: none, message: none },
        action: none,
        declineForm: none,
      }),
    );
    const errors: unknown[] = [];
    app.error(async (error) => {
      errors.push((error as { original?: unknown }).original ?? error);
    });
    await app.processEvent({
      body: { command: '/deal', team_id: 'T1', user_id: 'U1', channel_id: 'C1', text: '' },
      ack: async () => undefined,
    });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('boom');
  });
});
