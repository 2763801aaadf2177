// Runs a benchmark server in its own process (so the load generator does not share its event loop)
// and waits for the one JSON line it prints when ready. BENCH_CPU_PROF=<dir> profiles our server
// (node --cpu-prof; the profile is written when it exits), for `tsx bench/profile-top.ts <dir>`.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Spawned<T> {
  readonly info: T;
  stop(): Promise<void>;
}

export async function spawnServer<T>(script: string, env: Record<string, string>): Promise<Spawned<T>> {
  const profile =
    process.env.BENCH_CPU_PROF && script === './dealroom.ts' ? process.env.BENCH_CPU_PROF : null;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []),
      '--import',
      'tsx',
      new URL(script, import.meta.url).pathname,
    ],
    {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<T>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    // Other lines (a warning logged at start-up) are passed through; the ready line names a url.
    lines.on('line', (line) => {
      if (line.startsWith('{"url"')) resolve(JSON.parse(line) as T);
      else process.stderr.write(`${line}\n`);
    });
  });
  return {
    info,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
