// Work that follows a request's own answer (notifications, updates of other card copies): the request
// is answered, and done, without waiting for it. Teams must answer an invoke within seconds; on Slack,
// a notification can wait minutes in a busy DM lane (outbox.ts), and awaiting it would keep the whole
// request (its HTTP objects, Bolt's arguments, the outcome) alive for that long. stop() waits for it.
import type { Dispatcher } from './core/dispatch.js';
import type { Outcome } from './core/outcome.js';
import type { Logger } from './logger.js';

export class Background {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, task: () => Promise<void>): void {
    const p: Promise<void> = task()
      .catch((error: unknown) => this.logger.error({ err: error, what }, 'background work failed'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves when nothing is pending, or after `timeoutMs` (shutdown must not hang on a slow peer). */
  async drain(timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        if (Number.isFinite(timeoutMs)) timer = setTimeout(resolve, deadline - Date.now()).unref();
      });
      await Promise.race([Promise.allSettled([...this.pending]), timeout]);
      clearTimeout(timer);
    }
  }
}

/** An outcome's notifications and card updates, after the request's own answer. */
export function deliverLater(
  dispatcher: Dispatcher,
  background: Background,
  outcome: Pick<Outcome, 'notifications' | 'updates'>,
): void {
  if (outcome.notifications.length === 0 && outcome.updates.length === 0) return;
  background.run('deliver outcome', () => dispatcher.deliver(outcome));
}
