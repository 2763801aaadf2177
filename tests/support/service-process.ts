// The real service as a separate process (src/index.ts under tsx, as `npm start` runs it), for
// faults a test cannot inject into its own process: kill -9 mid-burst, a restart, two replicas on one
// Redis. The environment is given whole (nothing leaks in from the shell); the port is fixed per
// handle so a restart answers at the same URL, as behind a load balancer.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceProcess {
  readonly url: string;
  readonly port: number;
  /** SIGKILL: a crash with requests in flight, no shutdown hook runs. */
  kill9(): Promise<void>;
  /** Start again on the same port; resolves once /readyz answers 200. */
  restart(): Promise<void>;
  /** SIGTERM (graceful), then SIGKILL if it lingers. Idempotent. */
  stop(): Promise<void>;
  /** The last few KB of its stdout and stderr, for failure messages. */
  output(): string;
  /** How many times it was started. */
  readonly starts: number;
}

const running = new Set<ChildProcess>();
// Last resort: a test process that dies mid-test must not leave services behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startServiceProcess(
  env: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  let child: ChildProcess | null = null;
  let output = '';
  let starts = 0;

  const launch = async () => {
    // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child of its own, which a
    // SIGKILL to the CLI would leave running.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    starts++;
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`the service exited at start-up:\n${output}`);
      try {
        const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await halt('SIGKILL');
        throw new Error(`the service did not become ready in ${readyTimeoutMs} ms:\n${output}`);
      }
      await sleep(100);
    }
  };

  const halt = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = null;
    if (!proc) return;
    proc.kill(signal);
    const killer = signal === 'SIGKILL' ? undefined : setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited(proc);
    if (killer) clearTimeout(killer);
  };

  await launch();
  return {
    url,
    port,
    kill9: () => halt('SIGKILL'),
    restart: async () => {
      await halt('SIGTERM');
      await launch();
    },
    stop: () => halt('SIGTERM'),
    output: () => output,
    get starts() {
      return starts;
    },
  };
}
