/**
 * # PPO's inner steps ascend the clipped surrogate
 *
 * Main statement: for every policy `pi_old`, step `eta`, clip range `eps` and `E >= 1`, the `E`-th
 * inner step of PPO's exact step (src/methods/ppo.ts), from `theta_{E-1}` to `theta_E`, is
 * `eta grad_theta L(theta_{E-1})`, where
 *   `L(theta) = sum_u d_old(u) sum_v pi_old(v|u) min(r A_old(u,v), clip(r, 1 - eps, 1 + eps) A_old(u,v))`,
 *   `r = pi_theta(v|u) / pi_old(v|u)`,
 * is built here from its definition (visit probabilities `d_old` and advantages `A_old` of task 1 under
 * `pi_old`) and differentiated by central finite difference. `theta_{E-1}` is PPO's step with `E - 1`
 * epochs, so the law needs only the rule's constructor.
 * Where clipping binds (`A > 0, r > 1 + eps` or `A < 0, r < 1 - eps`) an edge's term is flat in `r`:
 * on a row whose every edge with `A != 0` is clipped on its binding side, the step vanishes. With
 * `eta` up to 8 the first inner step already carries many ratios out of `[1 - eps, 1 + eps]`, so the
 * later steps are checked where clipping binds (`onCase` reports whether it did).
 *
 * Implementation notes: at 80 digits, `h = 1e-20`, equal within `1e-30`; a ratio within `h` of a kink
 * would blur the difference, which random logits never meet.
 */
import fc from 'fast-check';
import { taskValues } from '../../src/exact/values.ts';
import { trainContext, type UpdateRule } from '../../src/methods/update-rule.ts';
import { D, ONE, ZERO, sum, type Dec } from '../../src/numeric.ts';
import type { Policy } from '../../src/policy.ts';
import { casePolicy, expectAllClose, policyCases, type PolicyCase } from './cases.ts';
import { centralDifference, close, highPrecision, stepDirection } from './finite-difference.ts';

export interface PpoParamsCase {
  readonly eta: number;
  readonly eps: number;
  readonly epochs: number;
}

export interface PpoCase extends PolicyCase {
  /** `eta`, integer. */
  readonly eta: number;
  /** `eps = epsTenths / 10`. */
  readonly epsTenths: number;
  /** The inner step checked (`E`). */
  readonly epoch: number;
}

export function ppoCases(): fc.Arbitrary<PpoCase> {
  return fc
    .record({ c: policyCases(), eta: fc.integer({ min: 1, max: 8 }), epsTenths: fc.integer({ min: 1, max: 3 }), epoch: fc.integer({ min: 1, max: 3 }) })
    .map(({ c, ...r }) => ({ ...c, ...r }));
}

export function ppoStepAscendsClippedSurrogate(
  makePpo: (params: PpoParamsCase) => UpdateRule,
  onCase?: (clipped: boolean) => void,
): fc.IProperty<[PpoCase]> {
  return fc.property(ppoCases(), (c) =>
    highPrecision(() => {
      const eps = c.epsTenths / 10;
      const [lo, hi] = [ONE.minus(eps), ONE.plus(eps)];
      const ctx = trainContext(c.tmc, 0);
      const old = casePolicy(c);
      const { d, A } = taskValues(old, 0);
      const run = (epochs: number) => (epochs === 0 ? old : makePpo({ eta: c.eta, eps, epochs }).exactStep(old, ctx));
      const before = run(c.epoch - 1);
      const moved = stepDirection(before, run(c.epoch), c.eta);
      const ratio = (p: Policy, l: number, u: number, v: number) => p.probs[l][u][v].div(old.probs[l][u][v]);
      const binds = (l: number, u: number, v: number) => {
        const r = ratio(before, l, u, v);
        return (A[l][u][v].gt(0) && r.gt(hi)) || (A[l][u][v].lt(0) && r.lt(lo));
      };
      const surrogate = (p: Policy): Dec =>
        sum(
          p.probs.flatMap((k, l) =>
            k.flatMap((row, u) =>
              row.map((_, v) => {
                const q = old.probs[l][u][v];
                if (q.isZero() || d[l][u].isZero()) return ZERO;
                const r = ratio(p, l, u, v);
                const clipped = D.min(D.max(r, lo), hi);
                return d[l][u].times(q).times(D.min(r.times(A[l][u][v]), clipped.times(A[l][u][v])));
              }),
            ),
          ),
        );
      let clippedSomewhere = false;
      old.probs.forEach((k, l) =>
        k.forEach((row, u) => {
          if (d[l][u].isZero()) return;
          const active = row.flatMap((q, v) => (q.gt(0) && !A[l][u][v].isZero() ? [v] : []));
          if (active.some((v) => binds(l, u, v))) clippedSomewhere = true;
          if (active.length > 0 && active.every((v) => binds(l, u, v))) {
            const flat = moved[l][u].every((x) => close(x, ZERO));
            if (!flat) throw new Error(`row ${l}/${u}: every edge is clipped on its binding side, yet inner step ${c.epoch} moves it by ${moved[l][u].map((x) => x.toSignificantDigits(6)).join(', ')}`);
          }
        }),
      );
      onCase?.(clippedSomewhere);
      expectAllClose(`inner step ${c.epoch}: step / eta vs finite-difference grad of the clipped surrogate`, moved, centralDifference(before, surrogate), close);
    }),
  );
}
