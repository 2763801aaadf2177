// Adaptive Cards, rendered by Microsoft's own HTML renderer (the `adaptivecards` package, loaded as
// the global AdaptiveCards by index.html). Teams mentions (`<at>Name</at>`) and the little markdown
// Dealroom's cards use are turned into HTML here, from escaped text only.
import { h } from './dom.js';

const AC = globalThis.AdaptiveCards;

const escapeHtml = (s) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The markdown Teams renders in a TextBlock, enough for Dealroom: **bold**, _italic_, [links](…), lines. */
export function teamsMarkdown(text) {
  return escapeHtml(text)
    .replace(/&lt;at&gt;(.+?)&lt;\/at&gt;/g, '<span class="mention">@$1</span>')
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|\s)_(\S(?:.*?\S)?)_(?=\s|$|[.,;:!?])/g, '$1<em>$2</em>')
    .replace(
      /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
      (_, label, url) => `<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>`,
    )
    .replace(/\n/g, '<br>');
}

if (AC) {
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = teamsMarkdown(text);
    result.didProcess = true;
  };
}

const hostConfig = AC
  ? new AC.HostConfig({
      fontFamily: "'Segoe UI', system-ui, -apple-system, sans-serif",
      supportsInteractivity: true,
      spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 12 },
      actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 8 } },
      containerStyles: {
        default: {
          backgroundColor: '#FFFFFF',
          foregroundColors: {
            default: { default: '#242424', subtle: '#616161' },
            accent: { default: '#5B5FC7', subtle: '#8B8CC7' },
            good: { default: '#0E700E', subtle: '#13A10E' },
            warning: { default: '#BC4B09', subtle: '#C96F1E' },
            attention: { default: '#C4314B', subtle: '#D13438' },
          },
        },
      },
    })
  : null;

/**
 * Renders `card`; a click on Action.Execute / Action.Submit calls onAction({ type, verb, data }),
 * whose promise may resolve to a card to show in its place (the invoke response).
 */
export function renderCard(card, onAction) {
  if (!AC) return h('div', { class: 'card-error' }, 'The Adaptive Cards renderer did not load.');
  const holder = h('div', { class: 'ac-holder' });
  const draw = (json) => {
    const adaptive = new AC.AdaptiveCard();
    adaptive.hostConfig = hostConfig;
    adaptive.onExecuteAction = async (action) => {
      const type = action.getJsonTypeName();
      if (type === 'Action.OpenUrl' && /^https?:\/\//i.test(action.url ?? '')) {
        window.open(action.url, '_blank', 'noopener');
        return;
      }
      if (type !== 'Action.Execute' && type !== 'Action.Submit') return;
      holder.classList.add('busy');
      try {
        const next = await onAction({ type, verb: action.verb, data: action.data ?? {} });
        if (next) draw(next);
      } finally {
        holder.classList.remove('busy');
      }
    };
    try {
      adaptive.parse(json);
      const rendered = adaptive.render();
      markVerbs(adaptive);
      holder.replaceChildren(rendered ?? h('div', { class: 'card-error' }, 'This card could not be shown.'));
    } catch {
      holder.replaceChildren(h('div', { class: 'card-error' }, 'This card could not be shown.'));
    }
  };
  draw(card);
  return holder;
}

/** Buttons carry their verb as data-verb, so a test or the sample can find "Accept" by what it does. */
function markVerbs(adaptive) {
  for (const action of adaptive.getAllActions()) {
    const el = action.renderedElement;
    if (el && typeof action.verb === 'string') el.dataset.verb = action.verb;
  }
}
