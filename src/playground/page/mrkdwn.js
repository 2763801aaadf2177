// Slack mrkdwn → DOM, as far as Dealroom writes it: *bold*, _italic_, ~strike~, `code`, ```pre```,
// "> " quotes, <@U…> mentions, <#C…|name>, <!here>, <url|label> links, and the three escapes
// (&amp; &lt; &gt;). https://docs.slack.dev/messaging/formatting-message-text
import { h } from './dom.js';

const EMOJI = { label: '🏷️', white_check_mark: '✅', warning: '⚠️', x: '❌', wave: '👋' };

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// Markup, code, then bold/italic/strike that start and end at word boundaries (as Slack parses).
const INLINE =
  /<([^<>\n]+)>|`([^`\n]+)`|(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])|(?<![\w_])_(?!\s)([^_\n]+?)_(?![\w_])|(?<![\w~])~(?!\s)([^~\n]+?)~(?![\w~])|:([a-z0-9_+-]+):/g;

/** One piece of `<…>` markup: a mention, a channel, a broadcast or a link. */
function markup(inner, ctx) {
  const [target, label] = inner.split('|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = ctx.userName(id) ?? (label ? decode(label) : id);
    return h('span', { class: id === ctx.me ? 'mention me' : 'mention' }, `@${name}`);
  }
  if (target.startsWith('#')) return h('span', { class: 'mention' }, `#${decode(label ?? target.slice(1))}`);
  if (target.startsWith('!')) return h('span', { class: 'mention' }, `@${decode(label ?? target.slice(1))}`);
  const url = decode(target);
  if (/^https?:\/\//i.test(url)) {
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, decode(label ?? target));
  }
  return decode(label ?? target);
}

function inline(text, ctx) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(decode(text.slice(last, m.index)));
    const [, link, code, bold, italic, strike, emoji] = m;
    if (link !== undefined) out.push(markup(link, ctx));
    else if (code !== undefined) out.push(h('code', {}, decode(code)));
    else if (bold !== undefined) out.push(h('strong', {}, inline(bold, ctx)));
    else if (italic !== undefined) out.push(h('em', {}, inline(italic, ctx)));
    else if (strike !== undefined) out.push(h('s', {}, inline(strike, ctx)));
    else out.push(EMOJI[emoji] ?? m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(decode(text.slice(last)));
  return out;
}

/** Lines, with runs of "> …" lines as one quote. */
function lines(text, ctx) {
  const out = [];
  let quote = null;
  text.split('\n').forEach((line, i, all) => {
    if (line.startsWith('>')) {
      quote ??= h('blockquote');
      if (quote.childNodes.length) quote.append(h('br'));
      quote.append(...inline(line.slice(1).replace(/^ /, ''), ctx));
      return;
    }
    if (quote) {
      out.push(quote);
      quote = null;
    }
    out.push(...inline(line, ctx));
    if (i < all.length - 1) out.push(h('br'));
  });
  if (quote) out.push(quote);
  return out;
}

/** mrkdwn text → an element; ctx = { userName(id) → name | undefined, me: the viewer's Slack id }. */
export function mrkdwn(text, ctx) {
  const el = h('span', { class: 'mrkdwn' });
  String(text ?? '')
    .split('```')
    .forEach((part, i) => {
      if (i % 2 === 1) el.append(h('pre', {}, decode(part.replace(/^\n/, ''))));
      else el.append(...lines(part, ctx));
    });
  return el;
}

/** A Block Kit text object (plain_text or mrkdwn). */
export function textObject(obj, ctx) {
  if (!obj) return '';
  return obj.type === 'mrkdwn' ? mrkdwn(obj.text, ctx) : h('span', {}, obj.text ?? '');
}
