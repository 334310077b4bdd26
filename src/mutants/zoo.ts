/**
 * # Sentinel zoo rules: deliberately wrong versions of the RLVR-zoo rules, under the right names
 *
 * Each is a bug a person could write; the zoo theorem named beside it must reject it, and
 * src/mutants/zoo.test.ts checks that it does and that the counterexample shrinks to a small TMC.
 * - `rlooBaselineWithSelf` (zoo-rescaled-reinforce): RLOO whose baseline is the mean of all `G`
 *   rewards, its own included: Dr. GRPO, `kappa = (G-1)/G` instead of 1.
 * - `nsrRewardingWrong` (zoo-rescaled-reinforce): NSR that pushes the wrong samples up (`a(0) = +1`).
 * - `drGrpoWithStd` (zoo-rescaled-reinforce): Dr. GRPO that still divides by the std (GRPO): not a
 *   constant multiple of REINFORCE.
 * - `pkpoGroupPassAtK` (zoo-pkpo-pass-at-k-ascent): PKPO giving every correct sample the group's
 *   pass@k estimate `1 - C(G-c,k)/C(G,k)` instead of its marginal contribution.
 * - `dapoUnconditioned` (zoo-dapo-time-change): DAPO whose exact step forgets the conditioning on a
 *   kept group (GRPO's step, `s = 1`).
 * - `entropyTokenLevel` (zoo-entropy-bonus-gibbs-limit): the token-level entropy loss,
 *   `alpha sum_u d(u) grad H(pi(.|u))`, which drops the visits' score term of `grad H`.
 * Equivalent, hence no sentinel: W-REINFORCE with `lambda` on the wrong sample (`a = (1, -lambda)`)
 * has the same `kappa = 1 + lambda` and the same exact step.
 */
import { forwardPass, edge } from '../exact/values.ts';
import { dapo } from '../methods/dapo.ts';
import { drGrpoAdvantage } from '../methods/dr-grpo.ts';
import { entropyBonus } from '../methods/entropy-bonus.ts';
import { groupRule } from '../methods/group-rule.ts';
import { grpoDirection } from '../methods/grpo.ts';
import { binomial } from '../methods/_internals/binomial.ts';
import { logProbs } from '../methods/_internals/log-probs.ts';
import { weightedScore } from '../methods/_internals/weighted-score.ts';
import { grpoAdvantage } from '../methods/_internals/group-brute-force.ts';
import { ONE, ZERO } from '../numeric.ts';
import { addScaled, stepLogits } from '../policy.ts';
import type { UpdateRule } from '../methods/update-rule.ts';

export function rlooBaselineWithSelf({ eta = 1, group = 8 } = {}): UpdateRule {
  return groupRule({ name: 'rloo', group, eta, advantage: drGrpoAdvantage });
}

export function nsrRewardingWrong({ eta = 1 } = {}): UpdateRule {
  return groupRule({ name: 'nsr', group: 1, eta, advantage: ([r]) => [r === 1 ? 0 : 1] });
}

export function drGrpoWithStd({ eta = 1, group = 8 } = {}): UpdateRule {
  return groupRule({ name: 'dr-grpo', group, eta, advantage: grpoAdvantage });
}

export function pkpoGroupPassAtK({ eta = 1, group = 8, k = 2 } = {}): UpdateRule {
  return groupRule({
    name: 'pkpo',
    group,
    eta,
    params: { k },
    advantage: (r) => {
      const c = r.reduce((a, b) => a + b, 0);
      const R = ONE.minus(binomial(group - c, k).div(binomial(group, k)));
      return r.map((ri) => (ri === 1 ? R : ZERO));
    },
  });
}

export function dapoUnconditioned({ eta = 1, group = 8 } = {}): UpdateRule {
  const rule = dapo({ eta, group });
  return { ...rule, exactStep: (policy, ctx) => stepLogits(policy, grpoDirection(policy, ctx, group), eta) };
}

export function entropyTokenLevel({ eta = 1, alpha = 0.1 } = {}): UpdateRule {
  const rule = entropyBonus({ eta, alpha });
  return {
    ...rule,
    exactStep: (policy, ctx) => {
      const d = forwardPass(policy.tmc, ctx.tc.task.start, edge(policy.probs));
      const ln = logProbs(policy);
      // d(u) dH(pi(.|u))/dtheta[u][v] = -d(u) pi(v|u) (ln pi(v|u) - sum_w pi(w|u) ln pi(w|u)).
      const bonus = policy.probs.map((k, l) =>
        k.map((row, u) => {
          const rowMean = row.reduce((s, p, w) => s.plus(p.times(ln[l][u][w])), ZERO);
          return row.map((p, v) => d[l][u].times(p).times(ln[l][u][v].minus(rowMean)).neg());
        }),
      );
      const grad = weightedScore(policy, ctx.tc, ctx.tc.cots.map((c) => c.rho));
      return stepLogits(policy, addScaled(grad, bonus, alpha), eta);
    },
  };
}
