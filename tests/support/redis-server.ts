// Starts a private, throwaway redis-server (from PATH) for tests: no persistence, loopback only, its own
// temp dir. Used by the global setup (when REDIS_URL is not given) and by tests that need a server they
// may stop, kill and restart ("Redis down", fault tests) without touching anyone else's.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServerHandle {
  readonly url: string;
  readonly port: number;
  /** SIGTERM, wait for the process to exit (the port is free again) and remove its data dir. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, not a shutdown; the data dir stays, so restart() reloads an AOF. */
  kill9(): Promise<void>;
  /** Start again on the same port (after stop or kill9); resolves once it answers PING. */
  restart(): Promise<void>;
  /** SIGSTOP: the socket stays open but nothing answers (a hung server, not a dead one). */
  pause(): void;
  /** SIGCONT after pause. */
  resume(): void;
}

export interface StartRedisOptions {
  readonly port?: number;
  readonly extraArgs?: readonly string[];
  readonly readyTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
// Last resort: a test process that dies mid-test must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port nobody listens on right now: ask the OS for one, then give it back. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port from the OS'))));
    });
  });
}

/** One raw PING over TCP: true on +PONG. No client library, so no retry logic muddies the answer. */
function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRedisServer(options: StartRedisOptions = {}): Promise<RedisServerHandle> {
  const port = options.port ?? (await freePort());
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  let child: ChildProcess | null = null;
  // One data dir for the server's whole life: a restart after kill9 reloads what it persisted
  // (with --appendonly yes), as a real Redis would; stop() removes it.
  const dir = mkdtempSync(join(tmpdir(), 'dealroom-redis-'));

  const launch = async (): Promise<void> => {
    mkdirSync(dir, { recursive: true }); // again after stop(), which removes it
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const proc = spawn('redis-server', [...args, '--dir', dir, ...(options.extraArgs ?? [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    running.add(proc);
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    let spawnError: Error | null = null;
    proc.once('error', (err) => {
      spawnError = err;
    });
    proc.once('exit', () => running.delete(proc));
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await pingOnce(port))) {
      if (spawnError || proc.exitCode !== null || Date.now() > deadline) {
        await halt('SIGKILL');
        throw new Error(`redis-server on port ${port} did not start: ${spawnError ?? output}`);
      }
      await sleep(25);
    }
  };

  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = null;
    if (proc) {
      proc.kill('SIGCONT'); // a paused server would not act on SIGTERM
      proc.kill(signal);
      await exited(proc);
    }
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    kill9: () => halt('SIGKILL'),
    restart: async () => {
      await halt('SIGTERM');
      await launch();
    },
    pause: () => {
      child?.kill('SIGSTOP');
    },
    resume: () => {
      child?.kill('SIGCONT');
    },
  };
}
