// Deal state → view models.

import { describeEntry } from './describe-entry.js';
import type { PersonRef } from './ids.js';
import { BUYING_ROLE_LABELS, RESEARCH_LABELS } from './labels.js';
import type { Deal, Handoff, TimelineEntry, TimelineFilter } from './model.js';
import { PLAYBOOKS, RESEARCH_CATEGORIES, ROLE_LABELS, STAGE_LABELS, stageIndex } from './playbooks.js';
import type { InboxPage, TimelinePage } from './store-port.js';
import {
  formatWhen,
  type HandoffView,
  type InboxView,
  personView,
  type ResearchView,
  type SummaryView,
  type TimelineView,
} from './views.js';

export function summaryView(
  deal: Deal,
  handoffs: ReadonlyMap<string, Handoff>,
  headline?: string,
): SummaryView {
  const playbook = PLAYBOOKS[deal.model];
  const current = stageIndex(deal.model, deal.stage);
  const closed = deal.outcome !== undefined;
  return {
    kind: 'summary',
    dealId: deal.id,
    name: deal.name,
    model: playbook.label,
    stage: STAGE_LABELS[deal.stage],
    stages: playbook.stages.map((s, i) => ({
      label: STAGE_LABELS[s],
      // A closed deal at Close has finished that stage; anywhere else the current stage is open.
      state: i < current ? 'done' : i > current ? 'todo' : s === 'close' && closed ? 'done' : 'current',
    })),
    outcome: deal.outcome
      ? `${deal.outcome.result === 'won' ? 'Won' : 'Lost'}${deal.outcome.reason ? `: ${deal.outcome.reason}` : ''} (${formatWhen(deal.outcome.at)})`
      : undefined,
    owner: personView(deal.owner),
    members: deal.members.map((m) => ({
      person: personView(m.person),
      roles: m.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'Member',
    })),
    stakeholders: deal.stakeholders.map((s) => ({
      name: s.name,
      role: BUYING_ROLE_LABELS[s.role],
      title: s.title,
    })),
    researchCount: deal.researchCount,
    openHandoffs: [...handoffs.values()].filter((h) => h.state === 'pending').length,
    rooms: deal.rooms.map((r) => ({ platform: r.platform === 'slack' ? 'Slack' : 'Teams' })),
    headline,
  };
}

export function handoffView(
  deal: Pick<Deal, 'id' | 'name'>,
  h: Handoff,
  canAct: readonly PersonRef[],
  notice?: string,
): HandoffView {
  const when = h.decidedAt ? formatWhen(h.decidedAt) : '';
  const by = h.decidedBy?.name ?? 'someone';
  const status =
    h.state === 'pending'
      ? `Waiting for ${h.to.name} — answer due by ${formatWhen(h.dueAt)}${h.escalatedAt ? ' (escalated to the sales managers)' : h.remindedAt ? ' (overdue, reminder sent)' : ''}`
      : h.state === 'accepted'
        ? `Accepted by ${by} at ${when}; ${h.to.name} owns the deal.`
        : h.state === 'declined'
          ? `Declined by ${by} at ${when}: ${h.reason ?? ''}`
          : `Reassigned by ${by} at ${when}.`;
  return {
    kind: 'handoff',
    dealId: deal.id,
    dealName: deal.name,
    handoffId: h.id,
    from: personView(h.from),
    to: personView(h.to),
    note: h.note,
    state: h.state,
    status,
    createdAt: h.createdAt,
    due: formatWhen(h.dueAt),
    open: h.state === 'pending',
    canAct,
    ...(notice ? { notice } : {}),
  };
}

export function timelineView(
  deal: Pick<Deal, 'id' | 'name'>,
  filter: TimelineFilter,
  page: TimelinePage,
): TimelineView {
  return {
    kind: 'timeline',
    dealId: deal.id,
    dealName: deal.name,
    filter,
    items: page.entries.map((e) => {
      const d = describeEntry(e);
      return {
        id: e.id ?? '',
        at: e.at,
        when: formatWhen(e.at),
        actor: e.actor.platform === 'system' ? { name: e.actor.name } : personView(e.actor),
        via: e.via === 'system' ? 'Dealroom' : e.via === 'slack' ? 'Slack' : 'Teams',
        icon: d.icon,
        text: d.text,
        ...(d.link ? { link: d.link } : {}),
      };
    }),
    older: page.older,
    newer: page.newer,
    empty: filter === 'all' ? 'Nothing on the timeline yet.' : `No ${filter} on the timeline yet.`,
  };
}

export function researchView(
  deal: Pick<Deal, 'id' | 'name'>,
  entries: readonly TimelineEntry[],
): ResearchView {
  const findings = entries.filter((e) => e.kind === 'research');
  const groups = RESEARCH_CATEGORIES.map((category) => ({
    category,
    label: RESEARCH_LABELS[category],
    findings: findings
      .filter((e) => e.category === category)
      .map((e) => ({
        text: e.text,
        ...(e.link ? { link: e.link } : {}),
        by: e.actor.platform === 'system' ? { name: e.actor.name } : personView(e.actor),
        when: formatWhen(e.at),
      })),
  })).filter((g) => g.findings.length > 0);
  return {
    kind: 'research',
    dealId: deal.id,
    dealName: deal.name,
    total: findings.length,
    groups,
    empty: 'No research logged yet. Log a finding with: research [category] <finding>',
  };
}

export function inboxView(owner: PersonRef, { items, total }: InboxPage): InboxView {
  return {
    kind: 'inbox',
    owner: personView(owner),
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      dealId: i.dealId,
      dealName: i.dealName,
      from: personView(i.from),
      text: i.text,
      when: formatWhen(i.at),
    })),
    total,
    empty: 'Your inbox is empty: no open tags or handoffs.',
  };
}
