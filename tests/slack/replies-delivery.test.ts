// A command's notifications go out after its reply, without holding the request: a DM can wait
// minutes in a busy lane (outbox.ts), and the request's handler must be done long before.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Background } from '../../src/background.js';
import type { Dispatcher } from '../../src/core/dispatch.js';
import type { PersonRef, UserId, WorkspaceId } from '../../src/core/ids.js';
import type { Outcome } from '../../src/core/outcome.js';
import type { Store } from '../../src/core/store-port.js';
import { notice } from '../../src/core/views.js';
import type { Messenger } from '../../src/slack/messenger.js';
import { createReplies } from '../../src/slack/replies.js';
import { slashAnswer } from '../../src/slack/slash-answer.js';

const logger = pino({ level: 'silent' });
const ana: PersonRef = {
  platform: 'slack',
  workspace: 'T1' as WorkspaceId,
  user: 'U2' as UserId,
  name: 'ana',
};

/** A tag's outcome: the room sees the reply, Ana gets a DM. */
const tagged: Outcome = {
  reply: notice('info', '🏷️ sam tagged ana: pricing'),
  visibility: 'room',
  notifications: [{ to: { kind: 'person', person: ana }, view: notice('info', 'sam tagged you') }],
  updates: [],
  entries: [],
  readOnly: false,
};

/** A dispatcher whose deliveries wait until released, as a DM waits in a full lane. */
function heldDispatcher() {
  const delivered: Outcome['notifications'][] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const dispatcher: Dispatcher = {
    register: () => undefined,
    async deliver(outcome) {
      await held;
      delivered.push(outcome.notifications);
    },
  };
  return { dispatcher, delivered, release: () => release() };
}

function setUp() {
  const held = heldDispatcher();
  const background = new Background(logger);
  // The reply goes in the slash command's ack: nothing here may reach the Web API or the store.
  const replies = createReplies({} as Messenger, {} as Store, held.dispatcher, background, logger);
  const acks: unknown[] = [];
  const target = {
    team: 'T1' as WorkspaceId,
    channel: 'C1',
    user: 'U1',
    answer: slashAnswer(async (body) => {
      acks.push(body);
    }),
  };
  return { ...held, background, replies, acks, target };
}

describe('Slack replies and the notifications that follow', () => {
  it('answers and finishes while the notification still waits; it is delivered afterwards', async () => {
    const s = setUp();
    await s.replies.send(s.target, tagged);
    expect(s.acks).toHaveLength(1);
    expect(s.delivered).toEqual([]);
    s.release();
    await s.background.drain();
    expect(s.delivered).toEqual([tagged.notifications]);
  });

  it('shutdown waits for a pending delivery, but only as long as it is told', async () => {
    const s = setUp();
    await s.replies.send(s.target, tagged);
    const started = Date.now();
    await s.background.drain(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(s.delivered).toEqual([]);
    s.release();
    await s.background.drain(5_000);
    expect(s.delivered).toHaveLength(1);
  });

  it('a delivery that fails is logged, not thrown at the request or at shutdown', async () => {
    const errors: unknown[] = [];
    const background = new Background({
      error: (obj: unknown) => errors.push(obj),
    } as unknown as typeof logger);
    background.run('deliver outcome', async () => {
      throw new Error('slack is down');
    });
    await background.drain();
    expect(errors).toEqual([expect.objectContaining({ what: 'deliver outcome' })]);
  });
});
