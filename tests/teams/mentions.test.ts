// Teams mention entities → the core's input convention, on recorded payloads and on the cases that
// break naive implementations (two bot mentions, namesakes, typed markers, entities and markup).
import { describe, expect, it } from 'vitest';
import type { WorkspaceId } from '../../src/core/ids.js';
import { parseCommand } from '../../src/core/parse/parse-command.js';
import { parseText } from '../../src/teams/mentions.js';
import { AT_BOT, BOT, fixture, type Json, teamsUser, text } from '../support/teams-harness.js';

const T = 'tenant-1' as WorkspaceId;
const activity = (content: { text: string; entities: Json[] }) =>
  ({ ...content, recipient: BOT }) as unknown as Parameters<typeof parseText>[0];

describe('Teams mentions', () => {
  it('strips the bot mention of the recorded 2025 channel message', () => {
    const parsed = parseText(fixture('teams-channel-message-mention'), T);
    expect(parsed).toEqual({ input: { text: 'reply to thread', mentions: [] }, botMentioned: true });
  });

  it('strips the 2019 mention whose text ("My Combined") differs from the bot name ("teams2"), by id', () => {
    const recorded = fixture('teams-channel-message-mention-recorded-2019');
    expect((recorded.recipient as Json).name).toBe('teams2');
    expect(parseText(recorded, T)).toEqual({ input: { text: '1', mentions: [] }, botMentioned: true });
  });

  it('strips every mention of the bot, not only the first', () => {
    const parsed = parseText(activity(text`${AT_BOT} status please ${AT_BOT}`), T);
    expect(parsed.input.text).toBe('status please');
    expect(parsed.botMentioned).toBe(true);
    // Also when Teams sends one entity for a mention repeated in the text.
    const once = parseText(
      activity({ text: '<at>Dealroom</at> status <at>Dealroom</at>', entities: text`${AT_BOT}`.entities }),
      T,
    );
    expect(once.input.text).toBe('status');
  });

  it('turns people into <@i> markers, one index per person, in order of appearance', () => {
    const ann = teamsUser('Ann');
    const bob = teamsUser('Bob');
    const parsed = parseText(activity(text`${AT_BOT} tag ${bob} and ${ann}, thanks ${bob}`), T);
    expect(parsed.input.text).toBe('tag <@0> and <@1>, thanks <@0>');
    expect(parsed.input.mentions).toEqual([
      { platform: 'teams', workspace: T, user: bob.id, name: 'Bob' },
      { platform: 'teams', workspace: T, user: ann.id, name: 'Ann' },
    ]);
    const command = parseCommand(parsed.input);
    expect(command).toMatchObject({ ok: true, command: { kind: 'tag', text: '@Bob and @Ann, thanks @Bob' } });
  });

  it('keeps two different people with the same display name apart', () => {
    const ann1 = teamsUser('Ann');
    const ann2 = teamsUser('Ann');
    const parsed = parseText(activity(text`${AT_BOT} tag ${ann1} ${ann2} hi`), T);
    expect(parsed.input.text).toBe('tag <@0> <@1> hi');
    expect(parsed.input.mentions.map((m) => m.user)).toEqual([ann1.id, ann2.id]);
  });

  it('neutralises a typed <@0>, so it cannot become a fake mention', () => {
    const parsed = parseText(
      activity({ text: '<at>Dealroom</at> tag &lt;@0&gt; and <@1> hi', entities: text`${AT_BOT}`.entities }),
      T,
    );
    expect(parsed.input.text).toBe('tag ‹@0> and ‹@1> hi');
    expect(parseCommand(parsed.input)).toMatchObject({ ok: false });
  });

  it('keeps role mentions typed as text, and channel or tag mentions as plain names', () => {
    const parsed = parseText(
      activity({
        text: '<at>Dealroom</at> tag @am and <at>General</at> and <at>Sales team</at> look',
        entities: [
          ...text`${AT_BOT}`.entities,
          {
            type: 'mention',
            text: '<at>General</at>',
            mentioned: { id: '19:abc@thread.tacv2', name: 'General' },
          },
          {
            type: 'mention',
            text: '<at>Sales team</at>',
            mentioned: { id: 'MCMjMSMj', name: 'Sales team', type: 'tag' },
          },
        ],
      }),
      T,
    );
    expect(parsed.input).toEqual({ text: 'tag @am and General and Sales team look', mentions: [] });
  });

  it('decodes HTML entities and ignores other markup Teams may leave', () => {
    const parsed = parseText(
      activity({
        text: '<at>Dealroom</at> research pain Q&amp;A&nbsp;is slow',
        entities: text`${AT_BOT}`.entities,
      }),
      T,
    );
    expect(parsed.input.text).toBe('research pain Q&A\u00a0is slow');
  });

  it('reports a message without the bot as not addressed to it', () => {
    const ann = teamsUser('Ann');
    const parsed = parseText(activity(text`${ann} please review`), T);
    expect(parsed).toEqual({
      input: { text: '<@0> please review', mentions: [expect.objectContaining({ user: ann.id })] },
      botMentioned: false,
    });
  });
});
