// Realistic view models for card tests: Teams people (real mentions) beside a Slack teammate of a
// deal shared across platforms (a plain name), long texts, and every optional part present.
import type { ChannelId, DealId, PersonRef, UserId, WorkspaceId } from '../../src/core/ids.js';
import { formatWhen, personView, type View } from '../../src/core/views.js';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47' as WorkspaceId;
export const teamsPerson = (name: string, n: number): PersonRef => ({
  platform: 'teams',
  workspace: TENANT,
  user: `29:${name.toLowerCase()}-${n}` as UserId,
  name,
});
export const slackPerson = (name: string): PersonRef => ({
  platform: 'slack',
  workspace: 'T1' as WorkspaceId,
  user: `U${name.toUpperCase()}` as UserId,
  name,
});

const sam = teamsPerson('Sam', 1);
const alex = teamsPerson('Alex', 2);
const meg = teamsPerson('Meg', 3);
const sid = slackPerson('Sid');
const D = 'D-7K3F9X' as DealId;
const at = Date.UTC(2026, 10, 24, 9, 30);

export const SAMPLE_PEOPLE = { sam, alex, meg, sid };

export function sampleViews(): View[] {
  const handoff = {
    kind: 'handoff',
    dealId: D,
    dealName: 'Acme expansion',
    handoffId: 'h1abc',
    from: personView(sam),
    to: personView(alex),
    note: 'Budget confirmed, wants a demo next week',
    state: 'pending',
    status: `Waiting for Alex — answer due by ${formatWhen(at + 4 * 3_600_000)}`,
    createdAt: at,
    due: formatWhen(at + 4 * 3_600_000),
    open: true,
    canAct: [alex, meg, sid],
  } as const;
  return [
    {
      kind: 'summary',
      dealId: D,
      name: 'Acme expansion',
      model: 'Outbound',
      stage: 'Research',
      stages: [
        { label: 'Prospect', state: 'done' },
        { label: 'Qualify', state: 'done' },
        { label: 'Research', state: 'current' },
        { label: 'Close', state: 'todo' },
      ],
      outcome: 'Won: great fit (2026-11-24 10:00 UTC)',
      owner: personView(sam),
      members: [
        { person: personView(sam), roles: 'SDR' },
        { person: personView(alex), roles: 'Account manager' },
        { person: personView(sid), roles: 'Sales engineer' },
      ],
      stakeholders: [{ name: 'Jane Doe', role: 'Business sponsor', title: 'VP Sales' }],
      researchCount: 2,
      openHandoffs: 1,
      rooms: [{ platform: 'Teams' }, { platform: 'Slack' }],
      headline: 'Sam moved the deal from Qualify to Research.',
    },
    {
      kind: 'timeline',
      dealId: D,
      dealName: 'Acme expansion',
      filter: 'all',
      items: [
        {
          id: '1-0',
          at,
          when: formatWhen(at),
          actor: personView(sam),
          via: 'Teams',
          icon: '🔎',
          text: 'Sam logged competition research: Globex quoted 20% less',
          link: 'https://example.com/q',
        },
        {
          id: '0-1',
          at,
          when: formatWhen(at),
          actor: { name: 'Dealroom' },
          via: 'Dealroom',
          icon: '⏰',
          text: 'Reminded Alex.',
        },
      ],
      older: '1700000000000-0',
      newer: '1800000000000-3',
      empty: 'Nothing on the timeline yet.',
    },
    { ...handoff },
    {
      ...handoff,
      state: 'accepted',
      open: false,
      status: 'Accepted by Alex.',
      notice: 'This handoff is no longer open.',
    },
    {
      kind: 'research',
      dealId: D,
      dealName: 'Acme expansion',
      total: 1,
      groups: [
        {
          category: 'industry',
          label: 'Industry and target market',
          findings: [{ text: 'Retail is consolidating', by: personView(sid), when: formatWhen(at) }],
        },
      ],
      empty: 'No research logged yet.',
    },
    {
      kind: 'inbox',
      owner: personView(alex),
      items: [
        {
          id: `tag:${D}:t1`,
          kind: 'tag',
          dealId: D,
          dealName: 'Acme expansion',
          from: personView(sam),
          text: 'size the market?',
          when: formatWhen(at),
        },
        {
          id: `handoff:${D}:h1`,
          kind: 'handoff',
          dealId: D,
          dealName: 'Acme expansion',
          from: personView(sam),
          text: 'qualified',
          when: formatWhen(at),
        },
      ],
      total: 7,
      empty: 'Your inbox is empty.',
    },
    {
      kind: 'help',
      title: 'Dealroom commands',
      lines: [{ usage: 'status', summary: "Show the deal's summary card." }],
      examples: ['status'],
    },
    {
      kind: 'notice',
      tone: 'info',
      text: '🏷️ Sam tagged Alex, Sid: @Alex please look',
      usage: 'Usage: tag @someone <text>',
      people: [personView(alex), personView(sid)],
    },
  ];
}

export const SAMPLE_ROOM = {
  platform: 'teams',
  workspace: TENANT,
  channel: '19:abc@thread.tacv2' as ChannelId,
} as const;
