/**
 * # Sentinel update rules for the squeezing rate (properties/squeezing-rate.prop.ts)
 *
 * Each is an RLVR rule that still ascends `J` and still squeezes onto `argmax rho` (the qualitative
 * squeezing law cannot tell it from the real one), but with other dynamics, so the rate law must
 * reject it; src/mutants/squeezing-rates.test.ts checks that it does and the shrunk TMC.
 * Each keeps the name's declared rate `squeezingRate` of the rule it imitates.
 *
 * - `naturalGradientReinforce`: `theta += eta A` (the advantage without the `d(u) pi(v|u)` factor):
 *   a multiplicative-weights step that squeezes exponentially, `1/pi_t` grows like `e^(eta Delta t)`.
 * - `reinforceDoubledStep`: REINFORCE declaring `eta` but stepping `2 eta`.
 * - `raftNormalizedBySquare`: RAFT stepping `eta grad J / J^2` (rate `eta / rho*^2`, not `eta / rho*`).
 * - `layerScaledReinforce`: REINFORCE whose step at layer `l` is `(l + 1) eta`, declaring no rate:
 *   `1/pi` still grows linearly, but the constant depends on where a CoT leaves `o*`.
 * - `frozenReinforce`: never moves (for properties/pass-at-k-crossing.prop.ts: no squeeze, no crossing).
 * - `reinforceOnRarest`: rewards `1 - rho`, squeezing onto the least consistent CoT (squeezing-shared).
 * - `dampedReinforce`: each row's step scaled by `1 - max_v pi(v|u)`, a squeeze like `t^(-1/2)` (forgetting-limit).
 *
 * For the squeezing law's own clauses (src/mutants/squeezing-clauses.test.ts), rules that ascend `J`:
 * - `reinforceScaledStep`: REINFORCE declaring `eta` and stepping `factor eta`; a tenth of the step
 *   leaves the entropy rising at `t = T` (mass still leaving a heavy invalid CoT), a hundredth leaves
 *   the others' mass unsqueezed.
 * - `reinforceLastLayerOnly`: the step on the last kernel only (a backward pass stopped one layer in):
 *   the root keeps `p`, so the CoT whose root edge is likelier survives, not `argmax rho`.
 * - `reinforceWithEntropyBonus`: the entropy-bonus rule under REINFORCE's name (a leftover `alpha`):
 *   its limit keeps every CoT, so the others' mass stops falling.
 */
import { taskValues } from '../exact/values.ts';
import { validCotProbabilities, weightedScore } from '../methods/_internals/weighted-score.ts';
import { entropyBonus } from '../methods/entropy-bonus.ts';
import { raft } from '../methods/raft.ts';
import { reinforce } from '../methods/reinforce.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { D, ONE, ZERO, sum } from '../numeric.ts';
import { stepLogits } from '../policy.ts';

/** REINFORCE (name, family, declared rate) whose step is `theta += eta A(u, v)` at every state. */
export function naturalGradientReinforce({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return { ...reinforce({ eta }), name: 'reinforce-natural-gradient', exactStep: (policy, ctx) => stepLogits(policy, taskValues(policy, ctx.task).A, eta) };
}

/** REINFORCE declaring `eta` and stepping `factor eta`. */
export function reinforceScaledStep({ eta = 1, factor }: { eta?: number; factor: number }): UpdateRule {
  return { ...reinforce({ eta }), name: `reinforce-step-times-${factor}`, exactStep: reinforce({ eta: factor * eta }).exactStep };
}

/** REINFORCE declaring `eta` and stepping `2 eta`. */
export function reinforceDoubledStep({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return { ...reinforceScaledStep({ eta, factor: 2 }), name: 'reinforce-doubled-step' };
}

/** RAFT (declared rate `eta / rho*`) stepping `eta grad J / J^2`. */
export function raftNormalizedBySquare({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return {
    ...raft({ eta }),
    name: 'raft-normalized-by-square',
    exactStep: (policy, ctx) => {
      const rho = ctx.tc.cots.map((c) => c.rho);
      const pi = validCotProbabilities(policy, ctx.tc);
      const J = sum(pi.map((p, i) => p.times(rho[i])));
      return stepLogits(policy, weightedScore(policy, ctx.tc, rho, pi), new D(eta).div(J.pow(2)));
    },
  };
}

/** REINFORCE (name `name`) whose increment at layer `l` of an `L`-layer TMC is scaled by `factor(l, L)`. */
function layerScaled(name: string, eta: number, factor: (l: number, layers: number) => number): UpdateRule {
  const plain = reinforce({ eta });
  return {
    ...plain,
    name,
    exactStep: (policy, ctx) => {
      const step = plain.exactStep(policy, ctx);
      const moved = step.logits.map((k, l) =>
        k.map((row, u) => row.map((x, v) => (x === null ? ZERO : x.minus(policy.logits[l][u][v]!).times(factor(l, policy.tmc.layers))))),
      );
      return stepLogits(policy, moved, 1);
    },
  };
}

/** REINFORCE with step `(l + 1) eta` at layer `l` and no declared rate. */
export function layerScaledReinforce({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return { ...layerScaled('reinforce-layer-scaled', eta, (l) => l + 1), squeezingRate: undefined };
}

/** REINFORCE stepping the last kernel only (layer `L - 2`); the other rows keep their logits. */
export function reinforceLastLayerOnly({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return layerScaled('reinforce-last-layer-only', eta, (l, layers) => (l === layers - 2 ? 1 : 0));
}

/** The entropy-bonus rule (`J + alpha H`) under REINFORCE's family and a REINFORCE name. */
export function reinforceWithEntropyBonus({ eta = 1, alpha = 0.1 }: { eta?: number; alpha?: number } = {}): UpdateRule {
  return { ...entropyBonus({ eta, alpha }), name: 'reinforce-with-entropy-bonus', family: 'rlvr' };
}

/** REINFORCE (name aside) that never moves: no squeeze, so no rare CoT falls below its base mass. */
export function frozenReinforce({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return { ...reinforce({ eta }), name: 'reinforce-frozen', exactStep: (policy) => policy };
}

/** REINFORCE whose step at each row is scaled by `1 - max_v pi(v|u)`: `pi(v|u) ~ t^(-1/2)`, slower than `1/t`. */
export function dampedReinforce({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  const plain = reinforce({ eta });
  return {
    ...plain,
    name: 'reinforce-damped',
    exactStep: (policy, ctx) => {
      const step = plain.exactStep(policy, ctx);
      const moved = step.logits.map((k, l) =>
        k.map((row, u) => {
          const damp = ONE.minus(policy.probs[l][u].reduce((m, p) => (p.gt(m) ? p : m)));
          return row.map((x, v) => (x === null ? ZERO : x.minus(policy.logits[l][u][v]!).times(damp)));
        }),
      );
      return stepLogits(policy, moved, 1);
    },
  };
}

/** REINFORCE on the reward `1 - rho(o)` for valid `o`: it squeezes onto the least consistent valid CoT. */
export function reinforceOnRarest({ eta = 1 }: { eta?: number } = {}): UpdateRule {
  return {
    ...reinforce({ eta }),
    name: 'reinforce-on-rarest',
    exactStep: (policy, ctx) => stepLogits(policy, weightedScore(policy, ctx.tc, ctx.tc.cots.map((c) => ONE.minus(c.rho))), eta),
  };
}
