/**
 * A wall clock captured before any aos module loads: ao-loader replaces Date.now and performance.now for the whole
 * Node process with deterministic counters (see libs/local-ao/src/aos-process.ts), which would make timings lie.
 */
const realNow = performance.now.bind(performance);

export function now(): number {
  return realNow();
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = realNow();
  const value = await fn();
  return { ms: realNow() - start, value };
}

export function perSecond(count: number, ms: number): number {
  return Math.round((count * 1000) / ms);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
