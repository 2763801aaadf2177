// Outgoing Web API calls, one lane per channel. Slack allows chat.postMessage about 1 message per
// second per channel, with short bursts (DESIGN.md §6); a lane spaces its posts with a token bucket
// (3 at once, then 1/s). On HTTP 429 the WebClient would pause *every* call of the app, so it is told
// to reject rate-limited calls instead (rejectRateLimitedCalls) and the lane that got the 429 waits
// Retry-After and tries again, while other channels carry on. Calls within a lane keep their order
// (pages of one reply, a reply before the card update that follows it); ephemerals and updates share
// their channel's lane for that reason, but only posts spend tokens (Slack's 1/s is for posts).
//
// A lane holds at most `maxQueued` calls. Past that, a burst into one channel or one person's DM
// would only grow a queue that drains at 1/s (minutes behind, and memory and GC paid by every other
// request), so further calls are refused at once with OutboxFullError: the caller sees the failure,
// and the outbox logs the episode once when the lane fills and once, with the count refused, when it
// has room again. What was refused is a notification's copy: the tag or handoff itself is committed
// and waits in the person's inbox. Slash-command replies do not queue here (slash-answer.ts);
// per-person and per-room rate limits bound the input.
import type { Logger } from '../logger.js';

export interface OutboxOptions {
  /** Time for one post token to come back: 1 000 ms = 1 message/s per channel. */
  readonly postIntervalMs?: number;
  /** Posts a quiet channel may send at once. */
  readonly burst?: number;
  /** 429s in a row for one call before giving up. */
  readonly maxRateLimitRetries?: number;
  /** Calls one lane may hold (waiting or running) before it refuses more. */
  readonly maxQueued?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type CallKind = 'post' | 'other';

export interface Outbox {
  /** Runs `call` in `channel`'s lane, after that lane's earlier calls; retried after a 429. */
  send<T>(channel: string, kind: CallKind, call: () => Promise<T>): Promise<T>;
  /**
   * Throws the OutboxFullError that `send` would reject with (counted and logged the same way) when
   * `channel`'s lane is full: a caller checks before building a message the lane would only refuse.
   */
  admit(channel: string): void;
  /** Resolves when every queued call has finished (or `timeoutMs` passed). */
  drain(timeoutMs?: number): Promise<void>;
}

/** A lane already holds as many calls as it may: this one was not sent, and will not be. */
export class OutboxFullError extends Error {
  override name = 'OutboxFullError';
  constructor(message: string) {
    // Refusals come in floods and are reported in aggregate: capturing a stack for each one showed
    // up in profiles under load, and nobody reads it.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
  readonly code = 'SLACK_OUTBOX_FULL';
  /** The outbox logs when a channel fills and, with the count refused, when it drains. */
  readonly reported = true;
}

interface Lane {
  tail: Promise<unknown>;
  /** Calls sent to this lane that have not settled yet. */
  queued: number;
  /** Calls refused since the lane last had room (reported when it has room again). */
  refused: number;
  tokens: number;
  refilledAt: number;
  /** Epoch ms before which nothing in this lane is sent (a 429's Retry-After). */
  pausedUntil: number;
}

/** The WebClient's error for a 429 when rejectRateLimitedCalls is on. */
function retryAfterMs(error: unknown): number | null {
  const e = error as { code?: unknown; retryAfter?: unknown } | null;
  return e?.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number'
    ? e.retryAfter * 1_000
    : null;
}

export function createOutbox(logger: Logger, o: OutboxOptions = {}): Outbox {
  const interval = o.postIntervalMs ?? 1_000;
  const burst = o.burst ?? 3;
  const maxRetries = o.maxRateLimitRetries ?? 3;
  const maxQueued = o.maxQueued ?? 200;
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const lanes = new Map<string, Lane>();

  const lane = (channel: string): Lane => {
    let l = lanes.get(channel);
    if (!l) {
      l = {
        tail: Promise.resolve(),
        queued: 0,
        refused: 0,
        tokens: burst,
        refilledAt: now(),
        pausedUntil: 0,
      };
      lanes.set(channel, l);
    }
    return l;
  };

  /**
   * A lane with nothing queued is forgotten once its tokens are back and no Retry-After holds, so
   * thousands of quiet channels cost no memory and a fresh lane never grants more than Slack allows.
   */
  function forgetWhenIdle(channel: string, l: Lane, tail: Promise<unknown>): void {
    if (lanes.get(channel) !== l || l.tail !== tail) return;
    const t = now();
    const recoveredIn = Math.max((burst - l.tokens) * interval - (t - l.refilledAt), l.pausedUntil - t, 0);
    if (recoveredIn === 0) {
      lanes.delete(channel);
      return;
    }
    setTimeout(() => forgetWhenIdle(channel, l, tail), recoveredIn).unref();
  }

  async function takePostToken(l: Lane): Promise<void> {
    for (;;) {
      const t = now();
      l.tokens = Math.min(burst, l.tokens + (t - l.refilledAt) / interval);
      l.refilledAt = t;
      if (l.tokens >= 1) {
        l.tokens -= 1;
        return;
      }
      await sleep(Math.ceil((1 - l.tokens) * interval));
    }
  }

  async function run<T>(channel: string, l: Lane, kind: CallKind, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const wait = l.pausedUntil - now();
      if (wait > 0) await sleep(wait);
      if (kind === 'post') await takePostToken(l);
      try {
        return await call();
      } catch (error) {
        const retryIn = retryAfterMs(error);
        if (retryIn === null || attempt >= maxRetries) throw error;
        logger.warn({ channel, retryInMs: retryIn }, 'Slack rate-limited this channel; waiting Retry-After');
        l.pausedUntil = Math.max(l.pausedUntil, now() + retryIn);
      }
    }
  }

  /** A call this full lane will not take: counted for the "room again" report, the episode logged once. */
  function refusal(channel: string, l: Lane): OutboxFullError {
    if (l.refused++ === 0) {
      logger.warn(
        { channel, maxQueued },
        'Slack outbox full for this channel: refusing further messages until it drains',
      );
    }
    return new OutboxFullError(`${maxQueued} Slack calls already wait for ${channel}; this one was not sent`);
  }

  return {
    admit(channel) {
      // A full lane always exists (it holds calls), so no lane is made just to look.
      const l = lanes.get(channel);
      if (l && l.queued >= maxQueued) throw refusal(channel, l);
    },
    send(channel, kind, call) {
      const l = lane(channel);
      if (l.queued >= maxQueued) return Promise.reject(refusal(channel, l));
      l.queued++;
      const result = l.tail.then(() => run(channel, l, kind, call));
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      void settled.then(() => {
        l.queued--;
        if (l.refused > 0 && l.queued < maxQueued) {
          logger.warn({ channel, refused: l.refused }, 'Slack outbox has room again; messages were refused');
          l.refused = 0;
        }
      });
      l.tail = settled;
      void settled.then(() => forgetWhenIdle(channel, l, settled));
      return result;
    },
    async drain(timeoutMs = 10_000) {
      const all = Promise.all([...lanes.values()].map((l) => l.tail));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      });
      await Promise.race([all, timeout]);
      clearTimeout(timer);
    },
  };
}
