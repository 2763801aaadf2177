import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration } from '../../src/config.js';

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development',
      port: 3978,
      handoffSlaMs: 4 * 3_600_000,
      logLevel: 'info',
    });
    expect(c.redisUrl).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.teams.mode).toBe('unauthenticated');
    expect(c.slackApiUrl).toBe('https://slack.com/api/');
    expect(c.playground).toBe(true);
  });

  it('serves the playground only without credentials (or when asked), and never in production', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(loadConfig(slack).playground).toBe(false);
    expect(loadConfig({ ...slack, PLAYGROUND: 'on' }).playground).toBe(true);
    expect(loadConfig({ PLAYGROUND: 'off' }).playground).toBe(false);
    expect(loadConfig({ ...slack, NODE_ENV: 'production', PLAYGROUND: 'on' }).playground).toBe(false);
    expect(() => loadConfig({ PLAYGROUND: 'yes' })).toThrow(
      'PLAYGROUND must be one of auto, on, off (got "yes").',
    );
  });

  it('reads every key', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      REDIS_URL: 'redis://cache:6380/2',
      SLACK_SIGNING_SECRET: 'sekrit',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_PASSWORD: 'pw',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_TENANT_ID: 'tenant',
      HANDOFF_SLA: '30m',
      LOG_LEVEL: 'warn',
      PLAYGROUND: 'off',
    });
    expect(c).toMatchObject({
      env: 'production',
      port: 8080,
      redisUrl: 'redis://cache:6380/2',
      slack: {
        signingSecret: 'sekrit',
        botToken: 'xoxb-1',
        appToken: 'xapp-1',
        apiUrl: 'http://127.0.0.1:9999/api/',
      },
      teams: {
        mode: 'authenticated',
        appId: 'app',
        appPassword: 'pw',
        appType: 'SingleTenant',
        tenantId: 'tenant',
      },
      handoffSlaMs: 1_800_000,
      logLevel: 'warn',
      playground: false,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a whole number from 0 to 65535 (got "abc").'],
    [{ PORT: '70000' }, 'Configuration error: PORT must be a whole number from 0 to 65535 (got "70000").'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [
      { HANDOFF_SLA: 'soon' },
      'HANDOFF_SLA must be a duration of at least 1s, such as 30m, 4h or 1d (got "soon").',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [
      { SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: 's' },
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
    ],
    [{ SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN must be set'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET must be set'],
    [{ MICROSOFT_APP_ID: 'a' }, 'MICROSOFT_APP_PASSWORD must be set'],
    [
      { MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' },
      'MICROSOFT_APP_TENANT_ID must be set for a SingleTenant bot',
    ],
    [{ NODE_ENV: 'production' }, 'MICROSOFT_APP_ID must be set when NODE_ENV=production'],
  ])('refuses %j with one line naming the key', (env, message) => {
    const text = fails(env);
    expect(text).toContain(message);
    expect(text.split('\n')).toHaveLength(1);
  });

  it('switches Teams off (never unauthenticated) in production when only Slack is configured', () => {
    const c = loadConfig({ NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(c.teams.mode).toBe('off');
  });

  it('parses durations', () => {
    expect(parseDuration('4h')).toBe(14_400_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1.5d')).toBe(129_600_000);
    expect(parseDuration('500ms')).toBeNull();
    expect(parseDuration('-4h')).toBeNull();
    expect(parseDuration('4 hours')).toBeNull();
  });
});
