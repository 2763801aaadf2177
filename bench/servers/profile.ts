// Profiles of this process from now until stop(), read by `tsx bench/profile-top.ts <dir>` (cpu) and
// `tsx bench/heap-top.ts <dir>` (heap):
// - cpu: <dir>/<pid>.cpuprofile (the format of node --cpu-prof);
// - heap: <dir>/<pid>.heapprofile, a sampling heap profile of what was allocated (kept or not: the
//   garbage collector's share of a CPU profile comes from this churn).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export async function startProfile(kind: 'cpu' | 'heap', dir: string): Promise<{ stop(): Promise<void> }> {
  const session = new Session();
  session.connect();
  if (kind === 'cpu') {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  } else {
    await session.post('HeapProfiler.enable');
    // Keep the objects already collected: allocation, not retention, is what costs here.
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  return {
    async stop() {
      mkdirSync(dir, { recursive: true });
      if (kind === 'cpu') {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(profile));
      } else {
        const { profile } = await session.post('HeapProfiler.stopSampling');
        writeFileSync(join(dir, `${process.pid}.heapprofile`), JSON.stringify(profile));
      }
      session.disconnect();
    },
  };
}
