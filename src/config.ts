// The only module that reads configuration. It takes the environment as a plain object (probot's
// `createProbot({ env })`), so tests pass what they need and nothing leaks in from the shell.
import { z } from 'zod';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/i;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "4h" → 14 400 000. Returns null for anything that is not a positive duration. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m?.[1] || !m[2]) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2].toLowerCase() as keyof typeof UNIT_MS];
  return Number.isFinite(ms) && ms >= 1_000 ? Math.round(ms) : null;
}

/** "30/1m" → 30 commands a minute; "off" → null (no limit). */
export function parseRateLimit(text: string): { count: number; windowMs: number } | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'off') return null;
  const m = /^(\d{1,9})\s*\/\s*(.+)$/.exec(t);
  const count = Number(m?.[1]);
  const windowMs = m?.[2] ? parseDuration(m[2]) : null;
  return count >= 1 && windowMs !== null ? { count, windowMs } : undefined;
}

const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s, ctx) => {
      const limit = parseRateLimit(s);
      if (limit === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: '<count>/<window> such as 30/1m or 500/1h (window at least 1s), or off',
        });
        return z.NEVER;
      }
      return limit;
    });

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const url = (schemes: readonly string[], what: string) =>
  z
    .string()
    .trim()
    .refine((s) => {
      try {
        return schemes.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    }, what);

const EnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], 'one of development, production, test')
    .default('development'),
  PORT: z.coerce
    .number('a whole number from 0 to 65535')
    .int('a whole number from 0 to 65535')
    .min(0, 'a whole number from 0 to 65535')
    .max(65_535, 'a whole number from 0 to 65535')
    .default(3978),
  REDIS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    url(['redis:', 'rediss:'], 'a redis:// or rediss:// URL, e.g. redis://localhost:6379').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().trim().startsWith('xoxb-', 'a bot token starting with xoxb-').optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().trim().startsWith('xapp-', 'an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: url(['https:', 'http:'], 'an http(s) URL ending in /api/, e.g. https://slack.com/api/')
    .transform((s) => (s.endsWith('/') ? s : `${s}/`))
    .default('https://slack.com/api/'),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TYPE: z
    .enum(
      ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'],
      'one of SingleTenant, MultiTenant, UserAssignedMSI',
    )
    .default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: optionalText,
  HANDOFF_SLA: z
    .string()
    .default('4h')
    .transform((s, ctx) => {
      const ms = parseDuration(s);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: 'a duration of at least 1s, such as 30m, 4h or 1d' });
        return z.NEVER;
      }
      return ms;
    }),
  RATE_LIMIT_USER: rateLimit('30/1m'),
  RATE_LIMIT_ROOM: rateLimit('120/1m'),
  PLAYGROUND: z.enum(['auto', 'on', 'off'], 'one of auto, on, off').default('auto'),
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'one of fatal, error, warn, info, debug, trace, silent',
    )
    .default('info'),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly redisUrl?: string;
  readonly slack?: {
    readonly signingSecret: string;
    readonly botToken: string;
    /** Socket Mode when set: no public URL needed. */
    readonly appToken?: string;
    readonly apiUrl: string;
  };
  readonly teams: {
    /** Without an app id Teams runs unauthenticated for local use only, and never in production. */
    readonly mode: 'authenticated' | 'unauthenticated' | 'off';
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    readonly tenantId?: string;
  };
  readonly slackApiUrl: string;
  readonly handoffSlaMs: number;
  /**
   * Commands (typed, clicked or overheard) accepted per person and per room, per process: with N
   * replicas up to N× these. Null: unlimited.
   */
  readonly rateLimits: {
    readonly user: { readonly count: number; readonly windowMs: number } | null;
    readonly room: { readonly count: number; readonly windowMs: number } | null;
  };
  readonly logLevel: string;
  /**
   * The local playground at `/`: on when asked (PLAYGROUND=on) or, on auto, when no platform
   * credentials are set; never in production, where it would be an unauthenticated way in.
   */
  readonly playground: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError with one readable line naming the key. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'environment');
    const got = env[key];
    const shown =
      got === undefined ? 'it is missing' : `got "${got.length > 40 ? `${got.slice(0, 40)}…` : got}"`;
    throw new ConfigError(`Configuration error: ${key} must be ${issue?.message ?? 'valid'} (${shown}).`);
  }
  const e = parsed.data;
  const slackAny = e.SLACK_SIGNING_SECRET || e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN;
  if (slackAny && !e.SLACK_BOT_TOKEN) {
    throw new ConfigError('Configuration error: SLACK_BOT_TOKEN must be set (xoxb-…) to enable Slack.');
  }
  if (slackAny && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'Configuration error: SLACK_SIGNING_SECRET must be set for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  }
  if (e.MICROSOFT_APP_ID && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
    throw new ConfigError(
      'Configuration error: MICROSOFT_APP_PASSWORD must be set when MICROSOFT_APP_ID is set.',
    );
  }
  if (e.MICROSOFT_APP_ID && e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError(
      `Configuration error: MICROSOFT_APP_TENANT_ID must be set for a ${e.MICROSOFT_APP_TYPE} bot (your Azure tenant id).`,
    );
  }
  const slackOn = Boolean(e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN));
  if (e.NODE_ENV === 'production' && !e.MICROSOFT_APP_ID && !slackOn) {
    // Without an app id, Teams requests cannot be authenticated, which production never accepts;
    // with Slack configured, Teams is simply switched off instead (see teamsMode below).
    throw new ConfigError(
      'Configuration error: MICROSOFT_APP_ID must be set when NODE_ENV=production (unauthenticated Teams requests are refused in production), or configure Slack.',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    redisUrl: e.REDIS_URL,
    slack:
      slackOn && e.SLACK_BOT_TOKEN
        ? {
            signingSecret: e.SLACK_SIGNING_SECRET ?? '',
            botToken: e.SLACK_BOT_TOKEN,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }
        : undefined,
    teams: {
      mode: e.MICROSOFT_APP_ID ? 'authenticated' : e.NODE_ENV === 'production' ? 'off' : 'unauthenticated',
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
    },
    slackApiUrl: e.SLACK_API_URL,
    handoffSlaMs: e.HANDOFF_SLA,
    rateLimits: { user: e.RATE_LIMIT_USER, room: e.RATE_LIMIT_ROOM },
    logLevel: e.LOG_LEVEL,
    playground:
      e.NODE_ENV !== 'production' &&
      (e.PLAYGROUND === 'on' || (e.PLAYGROUND === 'auto' && !slackOn && !e.MICROSOFT_APP_ID)),
  };
}
