import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.js';

export type { Logger };

/** Pretty, synchronous lines for a developer's terminal; JSON (one object a line) everywhere else. */
export function createLogger(config: Pick<Config, 'env' | 'logLevel'>): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'dealroom' },
    // Tokens and secrets never reach the log, even when an SDK error object carries them.
    redact: {
      paths: ['*.token', '*.password', '*.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (config.env === 'development') {
    return pino(
      options,
      pretty({ sync: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname,service' }),
    );
  }
  return pino(options);
}
