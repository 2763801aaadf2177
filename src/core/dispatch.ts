// Routes an outcome's notifications and card updates to the platform that can deliver them.
// Platforms register a sink at start-up; the timer loop and the adapters deliver through here.
import type { PersonRef, Platform, RoomRef } from './ids.js';
import type { CardUpdate, Outcome } from './outcome.js';
import type { View } from './views.js';

export interface PlatformSink {
  toRoom(room: RoomRef, view: View, cardKey?: string): Promise<void>;
  toPerson(person: PersonRef, view: View, cardKey?: string): Promise<void>;
  /** Updates every copy of the card this platform posted. */
  update(update: CardUpdate): Promise<void>;
}

export interface DispatchLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Dispatcher {
  register(platform: Platform, sink: PlatformSink): void;
  /** Delivers everything in the outcome except the reply; one failed delivery does not stop the rest. */
  deliver(outcome: Pick<Outcome, 'notifications' | 'updates'>): Promise<void>;
}

/**
 * A delivery error its sender already reports in aggregate (a full send queue logs once when it fills
 * and once, with the count, when it drains): logging it again per message would flood the log
 * exactly when the service is busiest.
 */
const reportedBySender = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { reported?: unknown }).reported === true;

export function createDispatcher(logger: DispatchLogger): Dispatcher {
  const sinks = new Map<Platform, PlatformSink>();
  const attempt = async (what: object, send: () => Promise<void>) => {
    try {
      await send();
    } catch (error) {
      if (!reportedBySender(error)) logger.error({ ...what, err: error }, 'delivery failed');
    }
  };
  return {
    register(platform, sink) {
      sinks.set(platform, sink);
    },
    async deliver(outcome) {
      const jobs: Promise<void>[] = [];
      for (const n of outcome.notifications) {
        const platform = n.to.kind === 'room' ? n.to.room.platform : n.to.person.platform;
        const sink = sinks.get(platform);
        if (!sink) {
          // Not silent: a deal linked to a platform this instance does not serve is a setup problem.
          logger.warn(
            { platform, view: n.view.kind },
            'no delivery configured for this platform; notification not sent',
          );
          continue;
        }
        const to = n.to;
        jobs.push(
          attempt({ platform, to: to.kind }, () =>
            to.kind === 'room'
              ? sink.toRoom(to.room, n.view, n.cardKey)
              : sink.toPerson(to.person, n.view, n.cardKey),
          ),
        );
      }
      for (const u of outcome.updates) {
        for (const [platform, sink] of sinks)
          jobs.push(attempt({ platform, cardKey: u.cardKey }, () => sink.update(u)));
      }
      await Promise.all(jobs);
    },
  };
}
