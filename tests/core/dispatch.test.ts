// The dispatcher: every notification reaches its platform's sink, one failure does not stop the rest,
// and failures are logged once — not again per message when the sender already reports them.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type PlatformSink } from '../../src/core/dispatch.js';
import { notice } from '../../src/core/views.js';
import { roomOf } from '../support/core-harness.js';

describe('dispatcher', () => {
  it('delivers past a failure, logs unexpected failures, and leaves sender-reported ones to the sender', async () => {
    const logged: string[] = [];
    const logger = {
      warn: (_: object, msg?: string) => logged.push(`warn ${msg}`),
      error: (obj: object, msg?: string) => logged.push(`error ${msg} ${(obj as { err: Error }).err.name}`),
    };
    const sent: string[] = [];
    const failures = [Object.assign(new Error('queue full'), { reported: true }), new Error('boom')];
    const sink: PlatformSink = {
      async toRoom(room) {
        const failure = room.channel === 'C-FAIL' ? failures.shift() : undefined;
        if (failure) throw failure;
        sent.push(room.channel);
      },
      async toPerson() {},
      async update() {},
    };
    const dispatcher = createDispatcher(logger);
    dispatcher.register('slack', sink);
    const view = notice('info', 'hello');
    const to = (channel: string) => ({ to: { kind: 'room' as const, room: roomOf(channel) }, view });
    await dispatcher.deliver({
      notifications: [to('C-FAIL'), to('C1'), to('C-FAIL'), to('C2')],
      updates: [],
    });
    // A Teams room while only Slack is configured: said, not silently dropped.
    const teamsRoom = { to: { kind: 'room' as const, room: roomOf('19:x', 'teams') }, view };
    await dispatcher.deliver({ notifications: [teamsRoom], updates: [] });
    expect(sent).toEqual(['C1', 'C2']);
    expect(logged).toEqual([
      'error delivery failed Error',
      'warn no delivery configured for this platform; notification not sent',
    ]);
  });
});
