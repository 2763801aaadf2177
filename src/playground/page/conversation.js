// A conversation view that keeps what did not change: items are keyed, and a node is rebuilt only when
// its item changed, so a half-typed decline reason or an open menu survives the next poll.
import { h } from './dom.js';

const caches = new WeakMap();

export function reconcile(container, items, renderItem, emptyText) {
  let cache = caches.get(container);
  if (!cache) {
    cache = new Map();
    caches.set(container, cache);
  }
  const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
  let changed = false;
  const keep = new Set();
  const nodes = items.map((item) => {
    const sig = JSON.stringify(item);
    let entry = cache.get(item.key);
    if (!entry || entry.sig !== sig) {
      entry = { sig, node: renderItem(item) };
      cache.set(item.key, entry);
      changed = true;
    }
    keep.add(item.key);
    return entry.node;
  });
  for (const key of cache.keys()) if (!keep.has(key)) cache.delete(key);
  if (nodes.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, emptyText));
    return;
  }
  const current = [...container.children];
  if (current.length !== nodes.length || nodes.some((n, i) => current[i] !== n)) {
    container.replaceChildren(...nodes);
    changed = true;
  }
  if (changed && nearBottom) container.scrollTop = container.scrollHeight;
}

/** Forget every node (another persona sees other things). */
export function resetConversation(container) {
  caches.delete(container);
  container.replaceChildren();
}
