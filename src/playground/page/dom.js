// A tiny DOM builder: every piece of text goes in as a text node, never as HTML, so nothing the bot
// or a person typed can become markup on this page.

/**
 * h('button', { class: 'x', onclick: fn, dataset: { id: '1' } }, 'Label', child…)
 * Attributes that are functions become listeners; null/undefined/false attributes and children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(el.dataset, value);
    else if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'class') el.className = value;
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy; rejects with `what` after `timeoutMs`. */
export async function until(check, what, timeoutMs = 15_000, intervalMs = 100) {
  const started = Date.now();
  for (;;) {
    const found = check();
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(what);
    await sleep(intervalMs);
  }
}
