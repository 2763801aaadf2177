// Thin entrypoint: read the environment once, start the service, stop cleanly on a signal.
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startService } from './service.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(config);
const service = await startService(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'Dealroom could not start');
  process.exit(1);
});

const shutdown = (signal: string) => {
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  // A second signal, or a request that never finishes, must not keep the process alive forever.
  setTimeout(() => process.exit(1), 10_000).unref();
  service.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    },
  );
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
