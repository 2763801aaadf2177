// View models for Slack rendering tests: Slack people of the workspace (real mentions) beside a
// Teams partner and a Slack user of another workspace (names only), hostile text, every optional part.
import type { DealId, PersonRef, UserId, WorkspaceId } from '../../src/core/ids.js';
import { formatWhen, personView, type View } from '../../src/core/views.js';

export const WS = 'T0DEAL';
export const person = (name: string, workspace = WS, platform: 'slack' | 'teams' = 'slack'): PersonRef => ({
  platform,
  workspace: workspace as WorkspaceId,
  user: (platform === 'slack' ? `U${name.toUpperCase()}` : `29:${name.toLowerCase()}`) as UserId,
  name,
});

export const sam = person('Sam');
export const alex = person('Alex');
export const tess = person('Tess', 'tenant-1', 'teams');
export const otto = person('Otto', 'TOTHER');
export const D = 'D-7K3F9X' as DealId;
const at = Date.UTC(2026, 10, 24, 9, 30);

/** Text a user could type that must never become live markup in Slack. */
export const HOSTILE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: typed text that looks like a template field
  'ping <!channel> and <@U999|mallory> & <https://evil.example|click> @here ${x} <#C1|x>';

export function sampleViews(): View[] {
  return [
    {
      kind: 'summary',
      dealId: D,
      name: 'Acme & <Sons>',
      model: 'Outbound',
      stage: 'Research',
      stages: [
        { label: 'Prospect', state: 'done' },
        { label: 'Qualify', state: 'done' },
        { label: 'Research', state: 'current' },
        { label: 'Close', state: 'todo' },
      ],
      outcome: 'Won: great fit',
      owner: personView(sam),
      members: [
        { person: personView(sam), roles: 'SDR' },
        { person: personView(tess), roles: 'Account manager' },
        { person: personView(otto), roles: 'Member' },
      ],
      stakeholders: [{ name: 'Jane <CFO>', role: 'Business sponsor', title: 'VP Sales' }],
      researchCount: 2,
      openHandoffs: 1,
      rooms: [{ platform: 'Slack' }, { platform: 'Teams' }],
      headline: `Sam moved the deal: ${HOSTILE}`,
    },
    {
      kind: 'timeline',
      dealId: D,
      dealName: 'Acme',
      filter: 'all',
      items: [
        {
          id: '1-0',
          at,
          when: formatWhen(at),
          actor: personView(sam),
          via: 'Slack',
          icon: '🏷️',
          text: `Sam: ${HOSTILE}`,
          link: 'https://dealroom-test.slack.com/archives/C1/p1700000000000100',
        },
        {
          id: '2-0',
          at,
          when: formatWhen(at),
          actor: { name: 'Dealroom' },
          via: 'Dealroom',
          icon: '⏰',
          text: 'Reminded Alex.',
        },
      ],
      older: '1-0',
      newer: '3-0',
      empty: 'Nothing on the timeline yet.',
    },
    {
      kind: 'timeline',
      dealId: D,
      dealName: 'Acme',
      filter: 'research',
      items: [],
      older: null,
      newer: null,
      empty: 'No research on the timeline yet.',
    },
    {
      kind: 'handoff',
      dealId: D,
      dealName: 'Acme',
      handoffId: 'h1abc',
      from: personView(sam),
      to: personView(alex),
      note: `Budget confirmed\n${HOSTILE}`,
      state: 'pending',
      status: 'Waiting for Alex — answer due by 2026-11-24 13:30 UTC',
      createdAt: at,
      due: formatWhen(at),
      open: true,
      canAct: [alex],
    },
    {
      kind: 'handoff',
      dealId: D,
      dealName: 'Acme',
      handoffId: 'h1abc',
      from: personView(sam),
      to: personView(tess),
      note: '',
      state: 'accepted',
      status: 'Accepted by Tess',
      createdAt: at,
      due: formatWhen(at),
      open: false,
      canAct: [tess],
      notice: 'This handoff is no longer open.',
    },
    {
      kind: 'research',
      dealId: D,
      dealName: 'Acme',
      total: 2,
      groups: [
        {
          category: 'competition',
          label: 'Competition',
          findings: [
            {
              text: 'Globex quoted 20% less https://example.com/q',
              link: 'https://example.com/q',
              by: personView(sam),
              when: formatWhen(at),
            },
            { text: HOSTILE, by: personView(tess), when: formatWhen(at) },
          ],
        },
      ],
      empty: 'No research logged yet. Log a finding with: research [category] <finding>',
    },
    {
      kind: 'research',
      dealId: D,
      dealName: 'Acme',
      total: 0,
      groups: [],
      empty: 'No research logged yet. Log a finding with: research [category] <finding>',
    },
    {
      kind: 'inbox',
      owner: personView(alex),
      items: [
        {
          id: `tag:${D}:t1`,
          kind: 'tag',
          dealId: D,
          dealName: 'Acme',
          from: personView(sam),
          text: HOSTILE,
          when: formatWhen(at),
        },
        {
          id: `handoff:${D}:h1`,
          kind: 'handoff',
          dealId: D,
          dealName: 'Acme',
          from: personView(sam),
          text: 'Budget ok',
          when: formatWhen(at),
        },
      ],
      total: 12,
      empty: 'Your inbox is empty: no open tags or handoffs.',
    },
    {
      kind: 'inbox',
      owner: personView(alex),
      items: [],
      total: 0,
      empty: 'Your inbox is empty: no open tags or handoffs.',
    },
    {
      kind: 'help',
      title: 'Dealroom commands',
      lines: [
        { usage: 'new <name> [model] [--channel]', summary: 'Create a deal.' },
        { usage: 'tag @someone <text>', summary: 'Tag teammates.' },
      ],
      examples: ['new Acme expansion outbound'],
    },
    {
      kind: 'help',
      topic: 'stage',
      title: 'Help: stage',
      lines: [{ usage: 'stage next', summary: 'Move on.' }],
      examples: [],
    },
    {
      kind: 'notice',
      tone: 'warning',
      text: `I don't know that command: ${HOSTILE}`,
      usage: 'Usage: stage [<stage>|next]',
    },
    {
      kind: 'notice',
      tone: 'info',
      text: 'new <name> — Create\nstatus — Show',
      usage: 'new <name> — Create\nstatus — Show',
    },
    {
      kind: 'notice',
      tone: 'success',
      text: '🏷️ Sam tagged Alex, Tess: hi',
      people: [personView(alex), personView(tess), personView(otto)],
    },
  ];
}
