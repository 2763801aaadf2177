// Card rendering: time per view (templates parsed once, at module load) and the largest card's
// size, for the biggest views a real deal produces (a full timeline page of long entries, a research
// digest of 100 findings, a 50-item inbox, a deal with many members).
import type { DealId, PersonRef, UserId, WorkspaceId } from '../src/core/ids.js';
import type { View } from '../src/core/views.js';
import { formatWhen, personView } from '../src/core/views.js';
import { renderView } from '../src/slack/render/render.js';
import { renderCard } from '../src/teams/render/render-card.js';
import { round, timeMany } from './stats.js';

const person = (i: number): PersonRef => ({
  platform: 'teams',
  workspace: 'tenant' as WorkspaceId,
  user: `29:user-${i}` as UserId,
  name: `Person Number ${i}`,
});
const dealId = 'D-7K3F9X' as DealId;
const long = (n: number) =>
  'Budget confirmed for Q3, the CFO wants a demo with the security team first. '.repeat(n).trim();
const when = formatWhen(Date.UTC(2026, 10, 24, 9));

export const sampleViews: Record<string, View> = {
  summary: {
    kind: 'summary',
    dealId,
    name: 'Acme Corporation global expansion',
    model: 'Team selling',
    stage: 'Research',
    stages: ['Prospect', 'Make contact', 'Qualify', 'Research', 'Present', 'Close'].map((label, i) => ({
      label,
      state: i < 3 ? 'done' : i === 3 ? 'current' : 'todo',
    })),
    owner: personView(person(0)),
    members: Array.from({ length: 30 }, (_, i) => ({
      person: personView(person(i)),
      roles: 'Account manager, Sales engineer',
    })),
    stakeholders: Array.from({ length: 15 }, (_, i) => ({
      name: `Stakeholder ${i}`,
      role: 'IT approver',
      title: 'VP Infrastructure',
    })),
    researchCount: 42,
    openHandoffs: 1,
    rooms: [{ platform: 'Slack' }, { platform: 'Teams' }],
    headline: 'Sam moved the deal from Qualify to Research.',
  },
  timeline: {
    kind: 'timeline',
    dealId,
    dealName: 'Acme Corporation global expansion',
    filter: 'all',
    items: Array.from({ length: 10 }, (_, i) => ({
      id: `1764000000000-${i}`,
      at: 0,
      when,
      actor: personView(person(i)),
      via: 'Teams',
      icon: '🏷️',
      text: `Person Number ${i}: ${long(4)}`,
      link: 'https://teams.microsoft.com/l/message/19:abc/1764000000000',
    })),
    older: '1764000000000-0',
    newer: null,
    empty: 'Nothing on the timeline yet.',
  },
  handoff: {
    kind: 'handoff',
    dealId,
    dealName: 'Acme Corporation global expansion',
    handoffId: 'abcdefghjkmn',
    from: personView(person(1)),
    to: personView(person(2)),
    note: long(6),
    state: 'pending',
    status: `Waiting for Person Number 2 — answer due by ${when}`,
    createdAt: 0,
    due: when,
    open: true,
    canAct: [person(2), person(3)],
  },
  research: {
    kind: 'research',
    dealId,
    dealName: 'Acme Corporation global expansion',
    total: 100,
    groups: ['industry', 'competition', 'budget', 'pain'].map((category) => ({
      category,
      label: category,
      findings: Array.from({ length: 25 }, (_, i) => ({
        text: long(3),
        by: personView(person(i)),
        when,
        link: 'https://example.com/x',
      })),
    })),
    empty: '',
  },
  inbox: {
    kind: 'inbox',
    owner: personView(person(1)),
    items: Array.from({ length: 20 }, (_, i) => ({
      id: `tag:${dealId}:item${i}`,
      kind: 'tag' as const,
      dealId,
      dealName: 'Acme Corporation global expansion',
      from: personView(person(i)),
      text: long(2),
      when,
    })),
    total: 120,
    empty: '',
  },
  notice: { kind: 'notice', tone: 'info', text: long(3), people: [personView(person(1))] },
};

export async function benchCards(): Promise<{
  rows: { view: string; slackMs: number; teamsMs: number; slackBytes: number; teamsBytes: number }[];
  maxTeamsBytes: number;
  maxSlackBytes: number;
}> {
  const rows = [];
  for (const [name, view] of Object.entries(sampleViews)) {
    const slack = await timeMany(200, async () => renderView(view, 'TBENCH'));
    const teams = await timeMany(200, async () => renderCard(view));
    // Slack: the largest single message of possibly several pages; Teams: the one card.
    const slackBytes = Math.max(
      ...renderView(view, 'TBENCH').map((m) => Buffer.byteLength(JSON.stringify(m.blocks ?? []))),
    );
    const teamsBytes = Buffer.byteLength(JSON.stringify(renderCard(view)));
    rows.push({ view: name, slackMs: round(slack.p50), teamsMs: round(teams.p50), slackBytes, teamsBytes });
  }
  return {
    rows,
    maxTeamsBytes: Math.max(...rows.map((r) => r.teamsBytes)),
    maxSlackBytes: Math.max(...rows.map((r) => r.slackBytes)),
  };
}
