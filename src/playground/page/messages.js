// One message of a conversation, as Slack or Teams would show it: who wrote it, when it is only for
// the viewer, and its blocks or cards with working buttons.
import { renderBlocks } from './block-kit.js';
import { h } from './dom.js';
import { mrkdwn } from './mrkdwn.js';
import { renderCard } from './teams-card.js';

/** What a person typed, with the personas' @mentions highlighted. */
function typed(text, personas, me) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(/@([A-Za-z][\w-]*)/g)) {
    const who = personas.find((p) => p.name.toLowerCase() === m[1].toLowerCase());
    const isBot = m[1].toLowerCase() === 'dealroom';
    if (!who && !isBot) continue;
    out.push(text.slice(last, m.index));
    out.push(h('span', { class: who?.key === me ? 'mention me' : 'mention' }, `@${who?.name ?? 'Dealroom'}`));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return h('div', { class: 'typed' }, out);
}

function meta(item, badge) {
  return h(
    'div',
    { class: 'meta' },
    h('span', { class: 'author' }, item.author),
    item.from === 'bot' ? h('span', { class: 'app-badge' }, badge) : null,
    item.command ? h('span', { class: 'note' }, 'slash command') : null,
    item.private ? h('span', { class: 'note private-note' }, 'Only visible to you') : null,
    item.edited ? h('span', { class: 'note' }, '(edited)') : null,
    item.answered ? h('span', { class: 'note' }, 'updated for you') : null,
  );
}

/**
 * ctx = { personas, me (persona key), userName(slackId), meSlack, users, onAction(item, action) }
 */
export function renderSlackItem(item, ctx) {
  let body;
  if (item.from === 'person') body = typed(item.text, ctx.personas, ctx.me);
  else if (Array.isArray(item.blocks) && item.blocks.length > 0) {
    body = renderBlocks(item.blocks, {
      userName: ctx.userName,
      me: ctx.meSlack,
      users: ctx.users,
      onAction: (action) => ctx.onAction(item, action),
    });
  } else body = mrkdwn(item.text, { userName: ctx.userName, me: ctx.meSlack });
  return h(
    'article',
    { class: `msg ${item.from}${item.private ? ' private' : ''}`, dataset: { key: item.key } },
    meta(item, 'APP'),
    h('div', { class: 'body' }, body),
    item.reactions?.length
      ? h(
          'div',
          { class: 'reactions' },
          item.reactions.map((r) =>
            h('span', { class: 'reaction', title: `:${r}:` }, r === 'label' ? '🏷️ 1' : `:${r}: 1`),
          ),
        )
      : null,
  );
}

/** ctx = { personas, me, onAction(item, { type, verb, data }) → Promise<card | null> } */
export function renderTeamsItem(item, ctx) {
  let body;
  if (item.from === 'person') body = typed(item.text, ctx.personas, ctx.me);
  else {
    const cards = Array.isArray(item.cards) ? item.cards : [];
    body = h(
      'div',
      {},
      item.text && cards.length === 0 ? h('div', { class: 'typed' }, item.text) : null,
      cards.map((card) => renderCard(card, (action) => ctx.onAction(item, action))),
    );
  }
  return h(
    'article',
    { class: `msg ${item.from}`, dataset: { key: item.key } },
    meta(item, 'Bot'),
    h('div', { class: 'body' }, body),
  );
}
