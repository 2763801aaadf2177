// The handoff card as it is now, for an automatic refresh, a repeated click, or a refused one. A read:
// it uses the core's own view builder and permission rule, so a refreshed card never disagrees with
// what a click would decide.
import { canActOn } from '../core/handlers/handoff-shared.js';
import type { DealId } from '../core/ids.js';
import type { CommandContext } from '../core/outcome.js';
import { dealVisibleFrom, workspaceOf } from '../core/runtime.js';
import type { Store } from '../core/store-port.js';
import { handoffView } from '../core/view-builders.js';
import type { HandoffView } from '../core/views.js';

export async function currentHandoff(
  store: Store,
  ctx: CommandContext,
  dealId: DealId | undefined,
  handoffId: string | undefined,
): Promise<HandoffView | null> {
  if (!dealId || !handoffId) return null;
  const ws = workspaceOf(ctx);
  const snap = await store.loadDeal(dealId, ws);
  // Another tenant's deal reads as unknown, exactly as the core answers a click on it.
  if (!snap.deal || !dealVisibleFrom(snap.deal, ws)) return null;
  const h = snap.handoffs.get(handoffId);
  return h ? handoffView(snap.deal, h, canActOn(snap.deal, h, { snap })) : null;
}
