/**
 * Run counts and tree sizes for properties. The default profile keeps `npm test` under 3 minutes on
 * 2 cores; the deep profile is one environment variable away:
 * `TMC_RUNS` (multiplies every property's run count), `TMC_MAX_LAYERS`, `TMC_MAX_WIDTH`.
 */
export interface SizeProfile {
  /** Multiplier applied to each property's default number of runs. */
  readonly runsFactor: number;
  readonly maxLayers: number;
  readonly maxWidth: number;
}

function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** The profile in force: defaults overridden by `TMC_RUNS`, `TMC_MAX_LAYERS`, `TMC_MAX_WIDTH`. */
export function sizeProfile(): SizeProfile {
  return {
    runsFactor: envInt('TMC_RUNS', 1, 1, 1000),
    maxLayers: envInt('TMC_MAX_LAYERS', 4, 2, 8),
    maxWidth: envInt('TMC_MAX_WIDTH', 3, 1, 6),
  };
}

/** The least number of cases a theorem runs by default, whatever its own `numRuns` (issue 12). */
export const MIN_THEOREM_RUNS = 100;

/** A theorem's run count under the profile: its own, raised to `MIN_THEOREM_RUNS`, times `TMC_RUNS`. */
export function theoremRuns(base: number, profile: SizeProfile = sizeProfile()): number {
  return runs(Math.max(base, MIN_THEOREM_RUNS), profile);
}

/** A property's run count under the profile (proof steps; theorems use `theoremRuns`). */
export function runs(base: number, profile: SizeProfile = sizeProfile()): number {
  return base * profile.runsFactor;
}
