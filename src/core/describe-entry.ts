// One line of text per timeline entry, the same on every platform.

import { RESEARCH_LABELS } from './labels.js';
import type { TimelineEntry } from './model.js';
import { STAGE_LABELS } from './playbooks.js';

const quote = (text: string, max = 300) =>
  text.length > max
    ? `${text.slice(0, text.lastIndexOf(' ', max) > 0 ? text.lastIndexOf(' ', max) : max)}…`
    : text;

export function describeEntry(e: TimelineEntry): { icon: string; text: string; link?: string } {
  const who = e.actor.name;
  switch (e.kind) {
    case 'deal-created':
      return { icon: '🆕', text: `${who} created the deal "${e.name}" (${STAGE_LABELS[e.stage]}).` };
    case 'room-linked':
      return {
        icon: '🔗',
        text: `${who} linked a ${e.room.platform === 'slack' ? 'Slack' : 'Teams'} room to the deal.`,
      };
    case 'room-shared':
      return { icon: '🔑', text: `${who} issued a one-time code to link another room to the deal.` };
    case 'room-unlinked':
      return {
        icon: '✂️',
        text: `${who} unlinked a ${e.room.platform === 'slack' ? 'Slack' : 'Teams'} room from the deal.`,
      };
    case 'stage-moved':
      return {
        icon: '➡️',
        text: `${who} moved the deal from ${STAGE_LABELS[e.from]} to ${STAGE_LABELS[e.to]}.`,
      };
    case 'deal-closed':
      return {
        icon: e.result === 'won' ? '🏆' : '🛑',
        text: `${who} closed the deal as ${e.result}${e.reason ? `: ${quote(e.reason)}` : '.'}`,
      };
    case 'tag':
      return { icon: '🏷️', text: `${who}: ${quote(e.text)}`, link: e.permalink };
    case 'tag-done':
      return { icon: '✅', text: `${who} marked a tag done.` };
    case 'research':
      return {
        icon: '🔎',
        text: `${who} logged ${RESEARCH_LABELS[e.category].toLowerCase()} research: ${quote(e.text)}`,
        link: e.link,
      };
    case 'member-added':
      return {
        icon: '👋',
        text: `${who} looped in ${e.person.name} as ${e.role}${e.note ? `: ${quote(e.note)}` : '.'}`,
      };
    case 'stakeholder-added':
      return {
        icon: '👤',
        text: `${who} added stakeholder ${e.stakeholder.name} (${e.stakeholder.role}${e.stakeholder.title ? `, ${e.stakeholder.title}` : ''}).`,
      };
    case 'handoff-requested':
      return {
        icon: '🤝',
        text: `${who} handed the lead to ${e.to.name}${e.viaPool ? ' (from the AM pool)' : ''}: ${quote(e.note)}`,
      };
    case 'handoff-accepted':
      return { icon: '✅', text: `${who} accepted the handoff; ${e.to.name} now owns the deal.` };
    case 'handoff-declined':
      return { icon: '↩️', text: `${who} declined the handoff: ${quote(e.reason)}` };
    case 'handoff-reassigned':
      return { icon: '🔀', text: `${who} reassigned the handoff to ${e.to.name}.` };
    case 'handoff-reminded':
      return { icon: '⏰', text: `Reminded ${e.to.name}: the handoff is past its answer deadline.` };
    case 'handoff-escalated':
      return {
        icon: '🚨',
        text: e.managers.length
          ? `The unanswered handoff was escalated to ${e.managers.map((m) => m.name).join(', ')}.`
          : 'The handoff is unanswered at twice its deadline, and no sales manager is set up to escalate to.',
      };
  }
}
