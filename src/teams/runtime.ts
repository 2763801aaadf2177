// What every Teams handler shares: the platform deps, references, proactive sending and the
// background queue for deliveries that follow a turn.
import { type Background, deliverLater } from '../background.js';
import type { PlatformSink } from '../core/dispatch.js';
import type { Outcome } from '../core/outcome.js';
import type { PlatformDeps } from '../platform.js';
import type { Proactive } from './proactive.js';
import type { TeamsRefs } from './refs.js';

export interface TeamsRuntime {
  readonly deps: PlatformDeps;
  readonly refs: TeamsRefs;
  readonly proactive: Proactive;
  readonly sink: PlatformSink;
  readonly background: Background;
}

/** Notifications and card updates go out after the turn's own answer (to Teams and to Slack). */
export function dispatchLater(rt: TeamsRuntime, outcome: Pick<Outcome, 'notifications' | 'updates'>): void {
  deliverLater(rt.deps.dispatcher, rt.background, outcome);
}
