// Template data for the deal cards: the summary and the handoff (with its buttons and refresh).
import { ACTION } from '../../core/actions.js';
import type { HandoffView, SummaryView } from '../../core/views.js';
import { button, INPUT, REFRESH_VERB } from '../card-data.js';
import type { Mentions } from './mentions.js';
import { safe } from './text.js';

/** Teams shows user-specific views (refresh) to at most 60 people per card. */
export const MAX_REFRESH_USERS = 60;
const MAX_LISTED = 30;

export function summaryData(v: SummaryView, m: Mentions) {
  const members = v.members
    .slice(0, MAX_LISTED)
    .map((x) => ({ line: `${m.of(x.person)} — ${safe(x.roles, 200)}` }));
  const stakeholders = v.stakeholders
    .slice(0, MAX_LISTED)
    .map((s) => ({ line: `${safe(s.name, 120)} — ${s.role}${s.title ? `, ${safe(s.title, 120)}` : ''}` }));
  const hidden = v.members.length + v.stakeholders.length - members.length - stakeholders.length;
  return {
    fallbackText: `Deal ${v.dealId} "${v.name}": ${v.stage}`,
    ...(v.headline ? { headline: safe(v.headline) } : {}),
    title: safe(v.name, 200),
    subtitle: `${v.dealId} · ${v.model}`,
    stagePath: v.stages
      .map((s) => (s.state === 'current' ? `**${s.label}**` : s.state === 'done' ? `✓ ${s.label}` : s.label))
      .join(' → '),
    ...(v.outcome ? { outcome: safe(v.outcome) } : {}),
    facts: [
      { title: 'Stage', value: v.stage },
      { title: 'Owner', value: v.owner.name },
      { title: 'Research', value: `${v.researchCount} finding${v.researchCount === 1 ? '' : 's'}` },
      { title: 'Open handoffs', value: String(v.openHandoffs) },
      { title: 'Rooms', value: v.rooms.map((r) => r.platform).join(', ') || '—' },
    ],
    members,
    stakeholders,
    ...(hidden > 0 ? { more: `…and ${hidden} more (too many to show here).` } : {}),
    timeline: button(ACTION.timelineFilter, { d: v.dealId, f: 'all' }),
    research: button(ACTION.timelineFilter, { d: v.dealId, f: 'research' }),
  };
}

const STATE_COLOR = {
  pending: 'Accent',
  accepted: 'Good',
  declined: 'Warning',
  reassigned: 'Default',
} as const;

export function handoffData(v: HandoffView, m: Mentions) {
  const ids = { d: v.dealId, h: v.handoffId };
  // Only users of the tenant the card goes to can refresh it or be picked in it.
  const local = v.canAct.filter((p) => m.mentionable(p));
  const teamsActors = local.map((p) => p.user);
  return {
    fallbackText: `Handoff of "${v.dealName}" from ${v.from.name} to ${v.to.name}: ${v.status}`,
    ...(v.notice ? { notice: safe(v.notice) } : {}),
    title: `🤝 Handoff: ${safe(v.dealName, 200)}`,
    route: `${m.of(v.from)} → ${m.of(v.to)}`,
    note: safe(v.note),
    status: safe(v.status, 600),
    statusColor: STATE_COLOR[v.state],
    meta: `${v.dealId} · answer due by ${v.due}`,
    refresh: {
      ...button(REFRESH_VERB, ids),
      // Only the people who can act need a live view; everyone else sees the copy kept current by
      // updateActivity. A decided handoff needs no refresh at all.
      userIds: v.open ? teamsActors.slice(0, MAX_REFRESH_USERS) : [],
    },
    ...(v.open
      ? {
          accept: button(ACTION.handoffAccept, ids),
          decline: { ...button(ACTION.handoffDecline, ids), input: INPUT.reason },
          reassign: {
            ...button(ACTION.handoffReassign, ids),
            input: INPUT.reassignTo,
            // The picker searches the directory; the managers are offered up front as quick picks.
            choices: local
              .filter((p) => p.user !== v.to.ref?.user)
              .map((p) => ({ title: p.name, value: p.user })),
          },
        }
      : {}),
  };
}
