// A closed-loop HTTP load generator: `concurrency` keep-alive connections, each sending its next
// request as soon as the previous answer arrives, for `durationMs` after a warm-up.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.js';

export interface LoadRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

export interface LoadResult {
  readonly rps: number;
  /** CPU time the server process spent per measured request, in µs (NaN where /proc is missing). */
  readonly cpuUsPerRequest: number;
  /**
   * CPU time this process (the load generator) spent per measured request, in µs. It shares the
   * machine with the server: a generator near a full core limits the throughput it can show.
   */
  readonly loadCpuUsPerRequest: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly errors: number;
}

function send(agent: Agent, url: URL, req: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(
      url,
      { method: 'POST', agent, headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export async function runLoad(options: {
  readonly url: string;
  readonly next: (i: number) => LoadRequest;
  readonly concurrency: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  /** The server's CPU time so far, in ms (see spawn.ts). */
  readonly serverCpuMs: () => number;
}): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  let i = 0;
  let errors = 0;
  const latencies: number[] = [];
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  let measured = 0;
  // CPU per request is what the throughput ratio comes from on a CPU-bound server, and unlike
  // throughput it barely moves when something else runs on the machine.
  let cpuFrom = Number.NaN;
  let loadCpuFrom = process.cpuUsage();
  const cpuMark = setTimeout(() => {
    cpuFrom = options.serverCpuMs();
    loadCpuFrom = process.cpuUsage();
  }, options.warmupMs);
  const worker = async () => {
    while (performance.now() < end) {
      const req = options.next(i++);
      const t = performance.now();
      const status = await send(agent, url, req).catch(() => 0);
      const done = performance.now();
      if (t >= measureFrom && done <= end) {
        measured++;
        latencies.push(done - t);
        if (status < 200 || status >= 300) errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const cpuMs = options.serverCpuMs() - cpuFrom;
  const loadCpu = process.cpuUsage(loadCpuFrom);
  clearTimeout(cpuMark);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: measured / (options.durationMs / 1000),
    cpuUsPerRequest: (cpuMs * 1000) / measured,
    loadCpuUsPerRequest: (loadCpu.user + loadCpu.system) / measured,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: measured,
    errors,
  };
}
