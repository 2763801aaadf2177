// Polls the store for due SLA timers. Timers live in Redis, so they survive restarts; each due
// timer is leased to one replica, and the core's decision makes a repeated firing harmless.
import type { Core } from '../core/core.js';
import type { Dispatcher } from '../core/dispatch.js';
import type { Store } from '../core/store-port.js';
import type { Logger } from '../logger.js';

export interface TimerLoop {
  /** Runs one poll now (tests and shutdown use it); resolves when its timers are handled. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

export interface TimerLoopOptions {
  readonly store: Store;
  readonly core: Core;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  readonly intervalMs?: number;
  /** How long a claimed timer is hidden from other replicas before it is retried. */
  readonly leaseMs?: number;
  readonly now?: () => number;
}

export function startTimerLoop(o: TimerLoopOptions): TimerLoop {
  const intervalMs = o.intervalMs ?? 1_000;
  const leaseMs = o.leaseMs ?? 60_000;
  const now = o.now ?? Date.now;
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  let handle: NodeJS.Timeout | undefined;

  async function poll(): Promise<number> {
    let ids: readonly string[];
    try {
      ids = await o.store.claimDueTimers(now(), leaseMs, 50);
    } catch (error) {
      o.logger.warn({ err: error }, 'could not poll SLA timers; will retry');
      return 0;
    }
    for (const id of ids) {
      try {
        const outcome = await o.core.fireTimer(id);
        if (outcome) await o.dispatcher.deliver(outcome);
      } catch (error) {
        // The lease runs out and another poll retries it; the decision is idempotent.
        o.logger.error({ err: error, timer: id }, 'SLA timer failed; it will be retried');
      }
    }
    return ids.length;
  }

  const tick = () => {
    running = running.then(poll, poll);
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    handle = setTimeout(() => void tick().finally(schedule), intervalMs);
    handle.unref();
  };
  schedule();

  return {
    tick,
    async stop() {
      stopped = true;
      if (handle) clearTimeout(handle);
      await running;
    },
  };
}
