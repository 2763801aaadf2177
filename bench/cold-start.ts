// Cold start: from spawning the built service (plain node, dist/, as `npm run start:prod` runs it) to
// /readyz answering 200.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { freePort } from '../tests/support/redis-server.js';
import { productionNodeFlags } from './servers/spawn.js';
import { percentile } from './stats.js';

export async function coldStart(root: string, env: Record<string, string>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, [...productionNodeFlags(), 'dist/src/index.js'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), ...env },
      stdio: 'ignore',
    });
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 15_000) throw new Error('service did not become ready in 15 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    times.push(performance.now() - started);
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}
