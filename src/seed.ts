/**
 * The one range of fast-check seeds, shared by `--seed`, `TMC_SEED` and the printed replay command:
 * fast-check seeds are 32-bit integers, and a value outside would be wrapped into another seed.
 * (Sampled runs, `tmc train/infer --sampled --seed`, take any safe integer: see `numberOption`.)
 */
export const SEED_RANGE = { integer: true, min: -0x80000000, max: 0x7fffffff } as const;

/** The seed `text` names (`what` is `--seed` or `TMC_SEED`); a `RangeError` saying why when it is none. */
export function parseSeed(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < SEED_RANGE.min || n > SEED_RANGE.max) {
    throw new RangeError(`${what} must be an integer from ${SEED_RANGE.min} to ${SEED_RANGE.max}, got ${JSON.stringify(text)}`);
  }
  return n;
}
