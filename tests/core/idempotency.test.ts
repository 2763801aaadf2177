// A retried delivery (same platform id) takes effect once; one that failed before committing runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, roomOf, STORE_KINDS, say, who } from '../support/core-harness.js';

const sam = who('Sam');
const ana = who('Ana');
const room = roomOf('C-IDEM');

describe.each(STORE_KINDS)('request idempotency (%s store)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('applies a command delivered three times (twice concurrently) exactly once', async () => {
    const ctx = h.ctx(sam, room);
    const { dealId } = await h.core.run(ctx, say`new Idem`);
    const once = { source: 'slack-event', id: 'Ev1' };
    const [a, b] = await Promise.all([
      h.core.run(ctx, say`tag ${ana} once please`, { once }),
      h.replica().run(ctx, say`tag ${ana} once please`, { once }),
    ]);
    const c = await h.core.run(ctx, say`tag ${ana} once please`, { once });
    const outcomes = [a, b, c];
    expect(outcomes.filter((o) => !o.readOnly)).toHaveLength(1);
    expect(outcomes.filter((o) => o.duplicate)).toHaveLength(2);
    const tags = await h.store.timeline(dealId!, { filter: 'tags', limit: 10 });
    expect(tags.entries).toHaveLength(1);
    expect(await h.store.inbox(ana, 10)).toHaveLength(1);

    // Another delivery id is another request.
    const other = await h.core.run(ctx, say`tag ${ana} once please`, {
      once: { source: 'slack-event', id: 'Ev2' },
    });
    expect(other.readOnly).toBe(false);
  });

  it('runs a retried request whose first delivery was refused without committing', async () => {
    const ctx = h.ctx(sam, room);
    const once = { source: 'teams-activity', id: 'act-1' };
    const early = await h.core.run(ctx, say`stage next`, { once });
    expect(early.readOnly).toBe(true); // no deal yet: refused, nothing committed, key not burned
    await h.core.run(ctx, say`new Later`);
    const retried = await h.core.run(ctx, say`stage next`, { once });
    expect(retried.readOnly).toBe(false);
    expect(retried.duplicate).toBeUndefined();
  });
});
