// Liveness and readiness. /readyz asks the store on every call (with the store's own bounded
// timeout), so it turns 503 as soon as Redis goes away and 200 again when it returns: no restart.
import type { Express } from 'express';
import { isCodedError } from '../core/errors.js';
import type { Store } from '../core/store-port.js';

export function registerHealth(app: Express, deps: { store: Store; isShuttingDown: () => boolean }): void {
  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (deps.isShuttingDown()) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    try {
      await deps.store.ping();
      res.status(200).json({ status: 'ready', store: deps.store.kind });
    } catch (error) {
      const reason =
        isCodedError(error) && error.code === 'STORE_UNAVAILABLE' ? 'store unreachable' : 'store error';
      res.status(503).json({ status: 'unavailable', reason });
    }
  });
}
