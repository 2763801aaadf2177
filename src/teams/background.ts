// Work that follows a turn (notifications, updates of other card copies) runs after the HTTP answer:
// an invoke must be answered within seconds, or Teams shows an error and retries. stop() waits for it.
import type { Logger } from '../logger.js';

export class Background {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, task: () => Promise<void>): void {
    const p: Promise<void> = task()
      .catch((error: unknown) => this.logger.error({ err: error, what }, 'Teams background work failed'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
