// The core: parse → load (one read) → decide → commit (one atomic write), retried on a lost
// compare-and-set race. Platform-free: adapters hand it a context and a command, and render what
// it returns.
import type { Command, CommandInput, ParseResult } from './commands.js';
import { CodedError } from './errors.js';
import { setConfig, showConfig } from './handlers/config.js';
import { newDeal, stage, status } from './handlers/deal.js';
import { answerHandoff } from './handlers/handoff-answer.js';
import { escalate } from './handlers/handoff-escalate.js';
import { canActOn } from './handlers/handoff-shared.js';
import { fireTimer } from './handlers/handoff-timers.js';
import { help } from './handlers/help.js';
import { listen } from './handlers/listen.js';
import { done, inbox, timeline } from './handlers/lists.js';
import { addStakeholder, loopIn } from './handlers/members.js';
import { research, researchList } from './handlers/research.js';
import { LINK_CODE_UNKNOWN, LINK_CODE_USED, linkByCode, linkRoom, share, unlink } from './handlers/rooms.js';
import { tag } from './handlers/tag.js';
import {
  type DealId,
  newDealId,
  personKey,
  type RoomRef,
  roomKey,
  type UserId,
  type WorkspaceId,
} from './ids.js';
import { linkCodeHash, newLinkCode } from './link-code.js';
import { EMPTY_CONFIG, parseTimerId } from './model.js';
import type { CommandContext, Outcome } from './outcome.js';
import { parseCommand } from './parse/parse-command.js';
import { newEntityId, pooledRandom } from './random.js';
import { type RateLimiter, rateLimitNotice } from './rate-limit.js';
import {
  DuplicateRequest,
  dealVisibleFrom,
  type Env,
  RetryDecision,
  refuse,
  replyOnly,
  workspaceOf,
} from './runtime.js';
import { guardFor, SnapshotCache } from './snapshot-cache.js';
import type { Commit, Snapshot, Store } from './store-port.js';
import { handoffView } from './view-builders.js';
import type { HandoffView } from './views.js';

export interface CoreLogger {
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface CoreDeps {
  readonly store: Store;
  readonly handoffSlaMs: number;
  readonly now?: () => number;
  readonly random?: (bytes: number) => Uint8Array;
  readonly logger?: CoreLogger;
  /** Attempts of one decision under contention before giving up with a "try again" sentence. */
  readonly maxAttempts?: number;
  /**
   * Every command, click and overheard tag takes a token first; none left → a sentence, no read and
   * no write. Unset: unlimited (core tests and tools that drive the core directly).
   */
  readonly rateLimiter?: RateLimiter;
}

/**
 * Per request: the platform's id for this delivery (Slack event id or trigger id, Teams activity
 * id). A retried delivery of a request that already committed comes back `duplicate` and changes
 * nothing; one that failed before committing runs again.
 */
export interface RequestOptions {
  readonly once?: { readonly source: string; readonly id: string };
  /**
   * The platform asking how a card stands now (a Teams automatic refresh, the answer to a repeated
   * click): nobody typed it, so a read command asked this way does not count against rate limits.
   */
  readonly refresh?: boolean;
  /** The adapter already took this request's rate-limit token with `admit` (work before the core). */
  readonly admitted?: boolean;
}

/**
 * Room commands always decided on a fresh read: the reads (answered from current state anyway), and
 * those that change which deal a room holds.
 */
const ALWAYS_FRESH: ReadonlySet<Command['kind']> = new Set([
  'inbox',
  'status',
  'timeline',
  'research-list',
  'help',
  'config-show',
  'new',
  'link',
  'link-code',
  'share',
  'unlink',
]);

/** Commands that only read: the ones a refresh may run outside the rate limits. */
const READS: ReadonlySet<Command['kind']> = new Set(['inbox', 'status', 'timeline', 'research-list', 'help']);

/** Platforms retry within minutes; a day is far beyond any retry and keeps the keys few. */
const ONCE_TTL_MS = 24 * 3_600_000;

export interface Core {
  /** Parses a typed command and executes it. Parse errors come back as a private notice. */
  run(ctx: CommandContext, input: CommandInput, options?: RequestOptions): Promise<Outcome>;
  /** As run, for an adapter that already parsed the input (to route it): parsed once, not twice. */
  runParsed(ctx: CommandContext, parsed: ParseResult, options?: RequestOptions): Promise<Outcome>;
  execute(ctx: CommandContext, command: Command, options?: RequestOptions): Promise<Outcome>;
  /**
   * Takes the request's rate-limit token up front, for an adapter that must do costly platform work
   * before the core runs (creating a Slack channel): null to go on (then execute with `admitted`), or
   * the refusal to answer with.
   */
  admit(ctx: CommandContext): Outcome | null;
  /**
   * A plain message overheard in a deal room. When it @mentions teammates (people or roles) and the
   * room listens, it is recorded as a tag; otherwise it is none of our business: null, and no reply.
   */
  listen(
    ctx: CommandContext,
    input: CommandInput,
    permalink?: string,
    options?: RequestOptions,
  ): Promise<Outcome | null>;
  /**
   * The handoff card as it is now (a read): for a card refresh, or a repeated click. Uses the same
   * view and permission rule as a click would, so the two never disagree. Null when unknown here.
   */
  handoffCard(ctx: CommandContext, dealId: DealId, handoffId: string): Promise<HandoffView | null>;
  /** Handles one due SLA timer; null when it no longer applies. */
  fireTimer(id: string): Promise<Outcome | null>;
}

/** Timers act for nobody in particular; handlers of timers read no actor or room. */
const TIMER_CONTEXT: CommandContext = {
  actor: { platform: 'slack', workspace: '' as WorkspaceId, user: '' as UserId, name: 'Dealroom' },
  room: null,
  via: 'slack',
};

export function createCore(deps: CoreDeps): Core {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? pooledRandom();
  const maxAttempts = deps.maxAttempts ?? 16;
  const newId = () => newEntityId(random);
  const freshDealId = () => newDealId(random);
  const freshLinkCode = () => newLinkCode(random);

  /** One object per decision, built in one go (no spreads: this runs for every request). */
  const env = (
    ctx: CommandContext,
    snap: Snapshot,
    options?: RequestOptions,
    extra?: Pick<Env, 'guard' | 'snapshotChanged'> | null,
  ): Env => {
    const e: { -readonly [K in keyof Env]: Env[K] } = {
      ctx,
      snap,
      store: deps.store,
      now: now(),
      slaMs: deps.handoffSlaMs,
      newId,
      newDealId: freshDealId,
      newLinkCode: freshLinkCode,
    };
    if (options?.once) e.once = { ...options.once, ttlMs: ONCE_TTL_MS };
    if (extra?.guard) e.guard = extra.guard;
    if (extra?.snapshotChanged) e.snapshotChanged = extra.snapshotChanged;
    return e;
  };

  /** Commands that name a deal (button clicks) load it by id; the rest load by room. */
  async function load(ctx: CommandContext, command: Command): Promise<Snapshot | Outcome> {
    // Personal commands read nothing of the room: no round trip spent on a snapshot they ignore.
    if (command.kind === 'inbox' || command.kind === 'done' || command.kind === 'help') {
      return { deal: null, handoffs: new Map(), config: EMPTY_CONFIG };
    }
    const ws = workspaceOf(ctx);
    // link reads the deal it names; whether this room is taken, the commit itself checks.
    if (command.kind === 'link') return deps.store.loadDeal(command.dealId, ws);
    if (command.kind === 'link-code') {
      // A code is the only way across tenants: it names the deal, and the commit uses it up.
      const code = await deps.store.linkCode(linkCodeHash(command.code));
      if (!code) return refuse(LINK_CODE_UNKNOWN);
      if (code.used) return refuse(LINK_CODE_USED);
      return deps.store.loadDeal(code.dealId, ws);
    }
    const dealId: DealId | undefined = 'dealId' in command ? command.dealId : undefined;
    if (dealId) {
      const snap = await deps.store.loadDeal(dealId, ws);
      // Unknown and foreign deals get the same answer: nothing about other tenants leaks.
      if (!snap.deal || !dealVisibleFrom(snap.deal, ws)) return refuse('That deal is not available here.');
      return snap;
    }
    if (ctx.room) return deps.store.loadRoom(ctx.room);
    return { deal: null, handoffs: new Map(), config: await deps.store.loadConfig(ws) };
  }

  async function decide(e: Env, command: Command): Promise<Outcome> {
    switch (command.kind) {
      case 'new':
        return newDeal(e, command);
      case 'link':
        return linkRoom(e, command);
      case 'link-code':
        return linkByCode(e, command);
      case 'share':
        return share(e);
      case 'unlink':
        return unlink(e);
      case 'status':
        return status(e);
      case 'stage':
        return stage(e, command);
      case 'tag':
        return tag(e, command);
      case 'research':
        return research(e, command);
      case 'research-list':
        return researchList(e);
      case 'escalate':
        return escalate(e, command);
      case 'accept':
      case 'decline':
      case 'reassign':
        return answerHandoff(e, command);
      case 'loop-in':
        return loopIn(e, command);
      case 'stakeholder-add':
        return addStakeholder(e, command);
      case 'timeline':
        return timeline(e, command);
      case 'inbox':
        return inbox(e);
      case 'done':
        return done(e, command);
      case 'config-show':
        return showConfig(e);
      case 'config-am-pool':
      case 'config-managers':
        return setConfig(e, command);
      case 'help':
        return help(command);
      case 'listen':
        return listen(e, command);
      default: {
        const never: never = command;
        throw new Error(`unhandled command ${JSON.stringify(never)}`);
      }
    }
  }

  /** Read, decide, commit; a lost race re-reads and decides again on the winner's state. */
  async function withRetries<T>(attempt: () => Promise<T>, what: object): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof RetryDecision)) throw error;
        if (i >= maxAttempts) {
          throw new CodedError('CONFLICT_RETRIES_EXHAUSTED', `gave up after ${i} conflicting attempts`, {
            cause: error,
          });
        }
        deps.logger?.debug({ ...what, attempt: i }, 'commit lost a race; deciding again');
        // Jitter spreads out writers that collided, so they do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** i)));
      }
    }
  }

  /** Null when the actor and room may go on; otherwise the refusal to answer with, before any read. */
  function limited(ctx: CommandContext): Outcome | null {
    const d = deps.rateLimiter?.take({
      user: personKey(ctx.actor),
      ...(ctx.room ? { room: roomKey(ctx.room) } : {}),
    });
    if (!d || d.ok) return null;
    deps.logger?.debug(
      { scope: d.scope, user: personKey(ctx.actor), retryAfterMs: d.retryAfterMs },
      'rate limit hit: command refused',
    );
    return replyOnly(rateLimitNotice(d));
  }

  const snapshots = new SnapshotCache();

  /** A write decided in a room from its snapshot: the commands that may use a remembered one. */
  const remembers = (ctx: CommandContext, command: Command): ctx is CommandContext & { room: RoomRef } =>
    ctx.room !== null && !ALWAYS_FRESH.has(command.kind) && !('dealId' in command);

  async function decideOn(
    ctx: CommandContext,
    command: Command,
    snap: Snapshot,
    options: RequestOptions | undefined,
    remembered: { readonly room: string; readonly guard?: Commit['guard'] } | null,
  ): Promise<Outcome> {
    const e = env(
      ctx,
      snap,
      options,
      remembered && { guard: remembered.guard, snapshotChanged: () => snapshots.forget(remembered.room) },
    );
    try {
      return await decide(e, command);
    } catch (error) {
      if (!(error instanceof DuplicateRequest)) throw error;
      return { ...refuse('This was already done.'), duplicate: true };
    }
  }

  const decideOnce = (ctx: CommandContext, command: Command, options?: RequestOptions) => {
    let attempt = 0;
    return withRetries(
      async () => {
        attempt++;
        const room = remembers(ctx, command) ? roomKey(ctx.room) : null;
        // First attempt only: after a lost race ('stale' included) the state is read again.
        const known = room && attempt === 1 ? snapshots.get(room) : undefined;
        if (room && known) {
          const guard = guardFor(ctx.room!, known);
          const outcome = await decideOn(ctx, command, known, options, { room, guard });
          // Only a guarded write is answered from memory; anything else is decided again, fresh.
          if (!outcome.readOnly) return outcome;
        }
        const snap = await load(ctx, command);
        if (!('config' in snap)) return snap;
        if (room) snapshots.remember(room, snap);
        return decideOn(ctx, command, snap, options, room ? { room } : null);
      },
      { command: command.kind },
    );
  };

  const decideParsed = (ctx: CommandContext, parsed: ParseResult, options?: RequestOptions) =>
    parsed.ok ? decideOnce(ctx, parsed.command, options) : refuse(parsed.error, parsed.usage);

  return {
    admit: limited,
    async execute(ctx, command, options) {
      const counted = !options?.admitted && !(options?.refresh && READS.has(command.kind));
      return (counted ? limited(ctx) : null) ?? decideOnce(ctx, command, options);
    },
    async run(ctx, input, options) {
      // Limited before parsing: a flood of nonsense costs a token per line like any command.
      const refused = options?.admitted ? null : limited(ctx);
      if (refused) return refused;
      return decideParsed(ctx, parseCommand(input), options);
    },
    async runParsed(ctx, parsed, options) {
      return (options?.admitted ? null : limited(ctx)) ?? decideParsed(ctx, parsed, options);
    },
    async listen(ctx, input, permalink, options) {
      if (!ctx.room) return null;
      // Only messages that name someone can be tags; the grammar decides what a mention is.
      const parsed = parseCommand({ text: `tag ${input.text}`, mentions: input.mentions });
      if (!parsed.ok || parsed.command.kind !== 'tag') return null;
      // Only would-be tags count (a message naming someone: a mention, a role, or an `@name`), so
      // chatter that names nobody never uses up a room's budget. Over the limit a
      // plain message is not answered (it was no command), but the operator can see it was dropped.
      if (limited(ctx)) {
        deps.logger?.warn(
          { user: personKey(ctx.actor), room: roomKey(ctx.room) },
          'rate limit hit: overheard message not recorded as a tag',
        );
        return null;
      }
      const command = { ...parsed.command, passive: true, ...(permalink ? { permalink } : {}) };
      const outcome = await decideOnce(ctx, command, options);
      return outcome.readOnly ? null : outcome;
    },
    async handoffCard(ctx, dealId, handoffId) {
      const ws = workspaceOf(ctx);
      const snap = await deps.store.loadDeal(dealId, ws);
      // Another tenant's deal reads as unknown, exactly as the core answers a click on it.
      if (!snap.deal || !dealVisibleFrom(snap.deal, ws)) return null;
      const h = snap.handoffs.get(handoffId);
      return h ? handoffView(snap.deal, h, canActOn(snap.deal, h, { snap })) : null;
    },
    fireTimer: (id) =>
      withRetries(
        async () => {
          const parsed = parseTimerId(id);
          const snap: Snapshot = parsed
            ? await deps.store.loadDeal(parsed.dealId, parsed.ws)
            : { deal: null, handoffs: new Map(), config: EMPTY_CONFIG };
          return fireTimer(env(TIMER_CONTEXT, snap), id);
        },
        { timer: id },
      ),
  };
}
