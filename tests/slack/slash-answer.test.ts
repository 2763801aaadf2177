// The ack of a slash command carries its reply once, in time, and always goes out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_DEADLINE_MS, type SlashAck, slashAnswer } from '../../src/slack/slash-answer.js';

const page = { text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }] };

describe('slashAnswer', () => {
  let acks: Parameters<SlashAck>[0][];
  const ack: SlashAck = async (body) => {
    acks.push(body);
  };
  beforeEach(() => {
    acks = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('puts the first answer in the ack body, and refuses a second one', async () => {
    const answer = slashAnswer(ack);
    expect(await answer.give(page, 'in_channel')).toBe(true);
    expect(await answer.give(page, 'ephemeral')).toBe(false);
    await answer.close();
    vi.advanceTimersByTime(ANSWER_DEADLINE_MS * 2);
    expect(acks).toEqual([{ response_type: 'in_channel', text: 'hello', blocks: page.blocks }]);
  });

  it('acks empty at the deadline; an answer after it is refused (the caller posts it instead)', async () => {
    const answer = slashAnswer(ack);
    vi.advanceTimersByTime(ANSWER_DEADLINE_MS - 1);
    expect(acks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(acks).toEqual([undefined]);
    expect(await answer.give(page, 'ephemeral')).toBe(false);
    await answer.close();
    expect(acks).toHaveLength(1);
  });

  it('close acks empty when nothing was answered, once', async () => {
    const answer = slashAnswer(ack);
    await answer.close();
    await answer.close();
    vi.advanceTimersByTime(ANSWER_DEADLINE_MS * 2);
    expect(acks).toEqual([undefined]);
  });
});
