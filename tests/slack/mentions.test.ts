// Slack text → the core's input: real mentions become `<@i>` markers, the bot's own are dropped,
// and nothing a person typed can pose as a marker or as Slack markup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parse/index.js';
import { toCommandInput } from '../../src/slack/mentions.js';

const names: Record<string, string> = { UANN: 'Ann', UBOB: 'Bob' };
const lookups: [string, string | undefined][] = [];
const opts = {
  team: 'T1',
  botUserId: 'UBOT',
  nameOf: async (user: string, hint?: string) => {
    lookups.push([user, hint]);
    return hint ?? names[user] ?? user;
  },
};

describe('toCommandInput', () => {
  it('turns escaped and unescaped user mentions into markers, once per person', async () => {
    const input = await toCommandInput('tag <@UANN|ann> and <@UBOB> and <@UANN> please', opts);
    expect(input.text).toBe('tag <@0> and <@1> and <@0> please');
    expect(input.mentions).toEqual([
      { platform: 'slack', workspace: 'T1', user: 'UANN', name: 'ann' },
      { platform: 'slack', workspace: 'T1', user: 'UBOB', name: 'Bob' },
    ]);
  });

  it('strips every mention of the bot itself', async () => {
    const input = await toCommandInput('<@UBOT> tag <@UANN> hi <@UBOT|dealroom>', opts);
    expect(input.text).toBe('tag <@0> hi');
    expect(input.mentions.map((m) => m.user)).toEqual(['UANN']);
  });

  it('decodes what the person typed but defuses markup look-alikes', async () => {
    const input = await toCommandInput(
      'tag <@UANN> see &lt;@0&gt; and &lt;!channel&gt; &amp; 3 &lt; 4',
      opts,
    );
    expect(input.mentions).toHaveLength(1);
    expect(input.text).toContain('3 < 4');
    expect(input.text).toContain('&');
    // The typed `<@0>` is not a marker: the only marker is the real mention.
    expect([...input.text.matchAll(/<@(\d+)>/g)].map((m) => m[0])).toEqual(['<@0>']);
    expect(input.text.replace('<@0>', '')).not.toMatch(/<[@!#]/);
    const parsed = parseCommand(input);
    expect(parsed.ok && parsed.command.kind === 'tag' && parsed.command.people.map((p) => p.user)).toEqual([
      'UANN',
    ]);
  });

  it('turns broadcasts, channels, groups and links into plain words', async () => {
    const input = await toCommandInput(
      'research <!here> <!channel|channel> <#C123|deals> <!subteam^S1|@sales> <https://acme.example/q?a=1&amp;b=2|the quote> <mailto:a@b.example|a@b.example>',
      opts,
    );
    expect(input.text).toBe(
      'research @here @channel #deals @sales https://acme.example/q?a=1&b=2 a@b.example',
    );
    expect(input.mentions).toEqual([]);
  });

  it('passes the name Slack gave as a hint, so only names it did not give are looked up', async () => {
    lookups.length = 0;
    await toCommandInput('<@UANN|ann> <@UBOB> <@UBOB|bob>', opts);
    expect(lookups).toEqual([
      ['UANN', 'ann'],
      ['UBOB', 'bob'],
    ]);
  });

  it('never yields a marker that is not a real mention, whatever was typed (property)', async () => {
    const typed = fc
      .array(
        fc.constantFrom('<', '>', '@', '!', '#', '0', '1', '&lt;', '&gt;', '&amp;', ' ', 'x', '|', 'U'),
        {
          maxLength: 40,
        },
      )
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(typed, typed, async (before, after) => {
        // Slack escapes `&`, `<` and `>` in typed text; one real mention sits between two typed runs.
        const esc = (s: string) =>
          s
            .replace(/&(?!lt;|gt;|amp;)/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;');
        const input = await toCommandInput(`${esc(before)}<@UANN>${esc(after)}`, opts);
        const markers = [...input.text.matchAll(/<@(\d+)>/g)].map((m) => m[1]);
        expect(markers).toEqual(['0']);
        for (const typedRun of input.text.split('<@0>')) expect(typedRun).not.toMatch(/<[@!#]/);
      }),
    );
  });
});
