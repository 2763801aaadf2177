// Runs a benchmark server in its own process (so the load generator does not share its event loop)
// and waits for the one JSON line it prints when ready. Servers run compiled (dist/, see
// buildServers), as `npm run start:prod` runs the service: under tsx every closure our code creates
// also calls esbuild's keepNames helper, a cost production never pays and the bare frameworks (plain
// JavaScript in node_modules) never paid either. BENCH_CPU_PROF=<dir> profiles our server from
// that line on (dealroom.ts; written when it stops), for `tsx bench/profile-top.ts <dir>`.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Spawned<T> {
  readonly info: T;
  /** CPU time (user + system) the server process has used so far, in ms; NaN without /proc. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const root = new URL('../../', import.meta.url).pathname;

/**
 * The Node flags `npm run start:prod` runs the service with (package.json), given to every server the
 * benchmark starts, ours and the bare frameworks alike: the comparison is under the same runtime.
 */
export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };
  return (pkg.scripts['start:prod'] ?? '').split(/\s+/).filter((arg) => arg.startsWith('--'));
}

/** `npm run build` (the service, as production runs it), plus the benchmark's servers beside it. */
export function buildServers(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['tsc', '-p', 'tsconfig.bench.json'], { cwd: root, stdio: 'inherit' });
}

export type ServerName = 'dealroom' | 'bare-slack' | 'bare-teams';

/** Starts dist/bench/servers/<name>.js; run buildServers first. */
export async function spawnServer<T>(name: ServerName, env: Record<string, string>): Promise<Spawned<T>> {
  const script = `${root}dist/bench/servers/${name}.js`;
  const child: ChildProcess = spawn(process.execPath, [...productionNodeFlags(), script], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
    cpuMs: () => cpuMsOf(child.pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
