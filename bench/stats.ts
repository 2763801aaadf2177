// Small timing helpers for the benchmark (never used by tests: tests time nothing).
import { performance } from 'node:perf_hooks';

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number)
    : Number.NaN;

export async function timeMany(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(); // warm-up: JIT, script cache, connections
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
