// The core's deal views → the data the Block Kit templates expect. Every user-typed string is escaped
// here (templates only place what they are given), people become mentions only in their own
// workspace, and button payloads are the core's ActionPayload as JSON.
import { ACTION, type ActionPayload } from '../../core/actions.js';
import { TIMELINE_FILTERS, type TimelineFilter } from '../../core/model.js';
import type { HandoffView, ResearchView, SummaryView, TimelineView } from '../../core/views.js';
import { escapeMrkdwn as esc, link, person, plainText, quote, truncate } from './mrkdwn.js';

/** Header blocks hold at most 150 characters. */
const HEADER = 150;
const FALLBACK = 300;

export const payload = (p: ActionPayload): string => JSON.stringify(p);
const fallback = (text: string) => esc(truncate(text, FALLBACK));

export function summaryData(v: SummaryView, team: string | null) {
  const stages = v.stages.map((s) =>
    s.state === 'done' ? `✅ ${esc(s.label)}` : s.state === 'current' ? `▶️ *${esc(s.label)}*` : esc(s.label),
  );
  const rooms = v.rooms.map((r) => r.platform).join(', ');
  return {
    fallback: fallback(v.headline ?? `Deal ${v.dealId} "${v.name}": ${v.stage}`),
    hasHeadline: Boolean(v.headline),
    headline: esc(v.headline ?? ''),
    title: plainText(`💼 ${v.name}`, HEADER),
    dealCode: `\`${esc(v.dealId)}\``,
    model: esc(v.model),
    stage: esc(v.stage),
    owner: person(v.owner, team),
    research: String(v.researchCount),
    openHandoffs: String(v.openHandoffs),
    stages: stages.join('  →  '),
    hasOutcome: Boolean(v.outcome),
    outcome: esc(v.outcome ?? ''),
    members: v.members.map((m) => `• ${person(m.person, team)} — ${esc(m.roles)}`).join('\n') || '—',
    hasStakeholders: v.stakeholders.length > 0,
    stakeholders: v.stakeholders
      .map((s) => `• *${esc(s.name)}* — ${esc(s.role)}${s.title ? `, ${esc(s.title)}` : ''}`)
      .join('\n'),
    footer: `Rooms: ${esc(rooms || 'none')} · link another channel with \`/deal link ${esc(v.dealId)}\`, or one on Teams with a code from \`/deal share\``,
  };
}

const FILTER_LABELS: Record<TimelineFilter, string> = {
  all: 'Everything',
  research: 'Research',
  handoffs: 'Handoffs',
  tags: 'Tags',
};

export function timelineData(v: TimelineView, _team: string | null) {
  const option = (f: TimelineFilter) => ({ label: FILTER_LABELS[f], value: payload({ d: v.dealId, f }) });
  return {
    fallback: fallback(`Timeline of ${v.dealName}`),
    title: plainText(`🕒 Timeline — ${v.dealName}`, HEADER),
    subtitle: `${FILTER_LABELS[v.filter]} · newest first · \`${esc(v.dealId)}\``,
    items: v.items.map((i) => {
      // Research entries carry their link inside the text already; a listened tag links its message.
      const extra = i.link && !i.text.includes(i.link) ? ` · ${link(i.link, 'view message')}` : '';
      return { line: `${i.icon} ${esc(i.text)}\n_${esc(i.when)} · via ${esc(i.via)}_${extra}` };
    }),
    isEmpty: v.items.length === 0,
    empty: esc(v.empty),
    hasNewer: v.newer !== null,
    newer: v.newer ? payload({ d: v.dealId, c: v.newer, f: v.filter }) : '',
    hasOlder: v.older !== null,
    older: v.older ? payload({ d: v.dealId, c: v.older, f: v.filter }) : '',
    current: option(v.filter),
    filters: TIMELINE_FILTERS.map(option),
    ids: { newer: ACTION.timelineNewer, older: ACTION.timelineOlder, filter: ACTION.timelineFilter },
  };
}

const STATE_ICONS: Record<HandoffView['state'], string> = {
  pending: '⏳',
  accepted: '✅',
  declined: '↩️',
  reassigned: '🔀',
};

export function handoffData(v: HandoffView, team: string | null) {
  const p = payload({ d: v.dealId, h: v.handoffId });
  return {
    fallback: fallback(`Handoff of ${v.dealName} from ${v.from.name} to ${v.to.name}: ${v.status}`),
    hasNotice: Boolean(v.notice),
    notice: esc(v.notice ?? ''),
    title: plainText(`🤝 Handoff — ${v.dealName}`, HEADER),
    fromTo: `${person(v.from, team)} handed this qualified lead to ${person(v.to, team)}.`,
    note: v.note.trim() ? quote(esc(v.note)) : '_No note._',
    status: `${STATE_ICONS[v.state]} ${esc(v.status)} · \`${esc(v.dealId)}\``,
    open: v.open,
    // A users_select carries no value: the reassign picker finds its handoff in the block id.
    blockId: p,
    payload: p,
    ids: { accept: ACTION.handoffAccept, decline: ACTION.handoffDecline, reassign: ACTION.handoffReassign },
  };
}

export function researchData(v: ResearchView, team: string | null) {
  return {
    fallback: fallback(`Research on ${v.dealName}: ${v.total} findings`),
    title: plainText(`🔎 Research — ${v.dealName}`, HEADER),
    subtitle: `${v.total} finding${v.total === 1 ? '' : 's'} · \`${esc(v.dealId)}\``,
    groups: v.groups.map((g) => ({
      label: esc(g.label),
      findings: g.findings
        .map((f) => {
          const extra = f.link && !f.text.includes(f.link) ? ` ${link(f.link, 'link')}` : '';
          return `• ${esc(f.text)}${extra} — ${person(f.by, team)}, _${esc(f.when)}_`;
        })
        .join('\n'),
    })),
    isEmpty: v.groups.length === 0,
    empty: esc(v.empty),
  };
}
