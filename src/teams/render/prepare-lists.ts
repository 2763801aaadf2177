// Template data for the list cards: timeline page, research digest, inbox. Lists are bounded so a
// card stays far under Teams' 28 KB: the core's texts may be up to 2,000 characters each.
import { ACTION } from '../../core/actions.js';
import { TIMELINE_FILTERS } from '../../core/model.js';
import { INBOX_LIMITS, type InboxView, type ResearchView, type TimelineView } from '../../core/views.js';
import { button } from '../card-data.js';
import type { Mentions } from './mentions.js';
import { clip, safe } from './text.js';

const FILTER_LABEL = { all: 'All', research: 'Research', handoffs: 'Handoffs', tags: 'Tags' } as const;
const link = (url: string | undefined) => (url ? ` [link](${url})` : '');

export function timelineData(v: TimelineView, m: Mentions) {
  return {
    fallbackText: `Timeline of "${v.dealName}" (${v.items.length} entries)`,
    title: `Timeline — ${safe(v.dealName, 200)}`,
    subtitle: `${v.dealId} · ${FILTER_LABEL[v.filter]}, newest first`,
    filters: TIMELINE_FILTERS.map((f) => ({
      title: FILTER_LABEL[f],
      style: f === v.filter ? 'positive' : 'default',
      ...button(ACTION.timelineFilter, { d: v.dealId, f }),
    })),
    items: v.items.map((i) => ({
      line: `${i.icon} ${safe(i.text, 600)}${link(i.link)}`,
      meta: `${i.when} · ${m.of(i.actor)} · via ${i.via}`,
    })),
    empty: v.empty,
    ...(v.older ? { older: button(ACTION.timelineOlder, { d: v.dealId, f: v.filter, c: v.older }) } : {}),
    ...(v.newer ? { newer: button(ACTION.timelineNewer, { d: v.dealId, f: v.filter, c: v.newer }) } : {}),
  };
}

const MAX_FINDINGS = 40;

export function researchData(v: ResearchView, m: Mentions) {
  let budget = MAX_FINDINGS;
  const groups = v.groups
    .map((g) => {
      const findings = g.findings.slice(0, Math.max(0, budget)).map((f) => ({
        line: `• ${safe(f.text, 280)}${link(f.link)}`,
        meta: `${m.of(f.by)} · ${f.when}`,
      }));
      budget -= findings.length;
      return { label: g.label, findings };
    })
    .filter((g) => g.findings.length > 0);
  const shown = MAX_FINDINGS - Math.max(0, budget);
  const listed = v.groups.reduce((n, g) => n + g.findings.length, 0);
  return {
    fallbackText: `Research on "${v.dealName}": ${v.total} findings`,
    title: `Research — ${safe(v.dealName, 200)}`,
    subtitle: `${v.dealId} · ${v.total} finding${v.total === 1 ? '' : 's'}`,
    groups,
    empty: v.empty,
    ...(listed > shown ? { more: `…and ${listed - shown} more: see the timeline (research filter).` } : {}),
  };
}

/**
 * The inbox card answers every Done click (the invoke response), so its size is paid per click: 25
 * items made a ~24 KB card, 10 make one under 10 KB (the core reads only these). Items come newest
 * first; marking one done brings the next older one in: the hint says so.
 */
const MAX_INBOX = INBOX_LIMITS.teams;

export function inboxData(v: InboxView, m: Mentions) {
  const items = v.items.slice(0, MAX_INBOX).map((i) => ({
    heading: `${i.kind === 'tag' ? '🏷️ Tag' : '🤝 Handoff'} · ${safe(i.dealName, 120)} (${i.dealId})`,
    text: safe(clip(i.text, 300)),
    meta: `from ${m.of(i.from)} · ${i.when}${i.kind === 'handoff' ? ' · answer it on the handoff card' : ''}`,
    ...(i.kind === 'tag' ? { done: button(ACTION.inboxDone, { i: i.id }) } : {}),
  }));
  return {
    fallbackText: `Inbox of ${v.owner.name}: ${v.total} open`,
    title: `📥 Inbox — ${v.total} open`,
    items,
    empty: v.empty,
    ...(v.total > items.length
      ? {
          more: `…and ${v.total - items.length} more: mark tags done and answer handoffs to see the next ones.`,
        }
      : {}),
  };
}
