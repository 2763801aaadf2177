// Bolt and the WebClient log through @slack/logger's interface; this sends their lines to our pino
// logger (as component "bolt"), so one LOG_LEVEL and one format cover everything.
import { format } from 'node:util';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

export function boltLogger(logger: Logger): SlackLogger {
  const log = logger.child({ component: 'bolt' });
  const write =
    (level: Level) =>
    (...msg: unknown[]) => {
      const err = msg.find((m) => m instanceof Error);
      const text = format(...msg.filter((m) => m !== err));
      if (err) log[level]({ err }, text);
      else log[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // The level is LOG_LEVEL's; Bolt only asks.
    setLevel: () => undefined,
    getLevel: () =>
      log.isLevelEnabled('debug')
        ? LogLevel.DEBUG
        : log.isLevelEnabled('info')
          ? LogLevel.INFO
          : log.isLevelEnabled('warn')
            ? LogLevel.WARN
            : LogLevel.ERROR,
    setName: () => undefined,
  };
}
