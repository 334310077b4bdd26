/**
 * Timing for the benchmark in CPU time of this process (user + system), so other processes on a
 * shared machine disturb the figures less than they would wall-clock times.
 */

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Mean CPU milliseconds of `fn` over at least `minRuns` runs and `minMs` milliseconds in total,
 * after one warm-up run (JIT, decimal.js constants) unless `warmUp` is false.
 */
export function timeMs(fn: () => unknown, { minRuns = 5, minMs = 150, warmUp = true } = {}): number {
  if (warmUp) fn();
  let runs = 0;
  const start = cpuMs();
  while (runs < minRuns || cpuMs() - start < minMs) {
    fn();
    runs++;
  }
  return (cpuMs() - start) / runs;
}

/** A duration for a table: 3 significant digits with its unit, up to days. */
export function showMs(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's'], [1, 'ms']];
  for (const [size, unit] of units) if (ms >= size) return `${(ms / size).toPrecision(3)} ${unit}`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}
