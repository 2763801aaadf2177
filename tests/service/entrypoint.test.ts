// The real entrypoint as an operator runs it: `npm start` with no environment, a bad key, SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as { port: number };
  srv.close();
  await once(srv, 'close');
  return port;
}

function start(env: Record<string, string>) {
  // Only what the test gives: nothing leaks in from the developer's shell but PATH and HOME.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return { child, output: () => out };
}

async function waitFor(url: string, status: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === status) return Date.now() - started;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('the entrypoint', () => {
  it('serves /healthz on the embedded defaults, warns about the memory store, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = start({ PORT: String(port), NODE_ENV: 'test' });
    await waitFor(`http://127.0.0.1:${port}/healthz`, 200, 10_000);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'memory' });
    expect(output()).toContain('REDIS_URL is not set: using the in-memory store');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output()).toContain('Dealroom stopped');
  });

  it('stops with one readable line naming a bad key', async () => {
    const { child, output } = start({ PORT: 'not-a-port' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output().trim()).toBe(
      'Configuration error: PORT must be a whole number from 0 to 65535 (got "not-a-port").',
    );
  });
});
