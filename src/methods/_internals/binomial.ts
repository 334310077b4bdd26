/** Binomial coefficients as exact decimals, for the pass@k advantages (PKPO, pass@k training). */
import { ONE, ZERO, type Dec } from '../../numeric.ts';

/** `C(n, k)`; 0 when `k < 0` or `k > n` (so `C(G-c, k)` vanishes once fewer than `k` samples are wrong). */
export function binomial(n: number, k: number): Dec {
  if (k < 0 || k > n) return ZERO;
  let c = ONE;
  for (let i = 0; i < Math.min(k, n - k); i++) c = c.times(n - i).div(i + 1);
  return c;
}
