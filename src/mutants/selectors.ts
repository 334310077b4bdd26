/**
 * # Sentinel mutants of the selectors and rewards
 *
 * Deliberately wrong versions, each a plausible bug, each caught by a claim in properties/
 * (src/mutants/selectors.test.ts asserts the failure and the size of the shrunk witness):
 * - `dprmAsWithoutBaseFactor`: DPRM-AS stepping with probability proportional to `h(x v)`, without
 *   `p(v|u)` (the paper's own procedure) — fails dprm-as-exactness;
 * - `ormBonLowest`: ORM-BoN returning the draw with the lowest `R_out` — fails orm-bon-consistency;
 * - `ormBonFirstListed`: ORM-BoN breaking ties by the first listed CoT (lexicographic) among the drawn
 *   maxima, not the first drawn — fails orm-bon-consistency's clause 1 on ties at the top;
 * - `ormBonDrawnNotReturned`: ORM-BoN reporting, for a CoT below the top score, the chance that it is
 *   among the N draws, `1 - (1 - q(o))^N`, not that it is returned (total mass above 1; the top is
 *   right) — fails orm-bon-consistency's clause 2 alone;
 * - `softBonFlipped`: Soft-BoN with weights `exp(-lambda R_out)` — fails soft-bon-tilts
 *   (orm-bon-consistency.prop.ts);
 * - `prmBonFirstChild`: PRM-BoN breaking ties by the first child instead of uniformly — fails
 *   prm-bon-determinism;
 * - `prmBonWithoutBase`: PRM-BoN scoring a child by its completions alone, `R_prm(x v) / p(v|u)` —
 *   fails prm-bon-paper-easy;
 * - `prmBonProportional`: PRM-BoN stepping in proportion to `R_prm` instead of to the best child —
 *   fails prm-bon-deterministic;
 * - `statePrm`: the PRM as a function of the current state, `E_p[rho | o_l = u]`, not of the prefix —
 *   fails bayes-optimal-rewards on shared states;
 * - `passAtKOverAllInstances`: "hard-instance pass@K" averaged over every instance — fails rare-cots;
 * - `hardPassAtKOneDrawShort`: hard-instance pass@K with `K - 1` draws — fails rare-cots's base floor (clause 4);
 * - `dprmBonHalfLambda`: DPRM-BoN declaring `lambda` and scoring with `lambda / 2` — fails
 *   prm-bon-determinism/dprm-bon and dprm-bon-reaches-argmax/dprm-bon[lambda=8];
 * - `dprmBonAsPrm`: DPRM-BoN scoring by `R_prm` (the `lambda -> 0` limit) — fails dprm-bon-reaches-argmax;
 * - `dprmBonDoubleLambda`: DPRM-BoN declaring `lambda` and scoring with `2 lambda` — fails the below-threshold
 *   side of dprm-bon-threshold (`dprmBonHalfLambda` fails its above-threshold side);
 * - `dprmBonProportional`: DPRM-BoN stepping in proportion to `h(x v)` — fails prm-bon-deterministic/dprm-bon;
 * - `dprmBonLowest`: DPRM-BoN moving to the child with the lowest `R_dprm` — fails prm-bon-paper-easy/dprm-bon;
 * - `rOutUnnormalized`: `R_out(o) = p(o)`, the division by `p(V)` forgotten — fails bayes-optimal-rewards, clause 1;
 * - `softBonAsTilt`: Soft-BoN returning its `N -> infinity` limit, the tilted base (DPRM-AS's law) —
 *   fails soft-bon-tilt's lower bound (clause 2);
 * - `softBonOneDrawMore`: Soft-BoN declaring `n` and drawing `n + 1` — fails soft-bon-tilt's upper bound
 *   (clause 3).
 * - `dprmBonFirstChild`: DPRM-BoN breaking ties by the first child — fails prm-bon-determinism/dprm-bon.
 * Each mutant keeps its real counterpart's name, so the laws that apply to the real one apply to it.
 */
import { taskCots, type TaskCots } from '../exact/correctness.ts';
import { passAtK } from '../exact/metrics.ts';
import { pathProbability } from '../exact/paths.ts';
import { forwardPass } from '../exact/values.ts';
import { dprmAs, dprmAsWithoutBase } from '../inference/dprm-as.ts';
import { byScoreClass, ormBon } from '../inference/orm-bon.ts';
import { prmBonWithTies } from '../inference/prm-bon.ts';
import { taskRewards, type RewardModel } from '../inference/rewards.ts';
import type { Selector } from '../inference/selector.ts';
import { softBon, softBonUnchecked } from '../inference/soft-bon.ts';
import { baseDraws, checkOptions, firstMax, outputOf, rewardsFor, sampleDraw, scoreClasses, type Draw } from '../inference/_internals/draws.ts';
import { children, greedyRule, stepDistribution, stepSample, uniformTies, type TieBreak } from '../inference/_internals/steps.ts';
import { D, ONE, ZERO, compareExact, nearlyEqual, sum, type Dec } from '../numeric.ts';
import type { Policy } from '../policy.ts';
import type { Tmc } from '../tmc.ts';

/** DPRM-AS without `p(v|u)`: steps proportional to `h(x v)`. */
export function dprmAsWithoutBaseFactor(lambda = 1): Selector {
  return { ...dprmAsWithoutBase({ lambda }), name: 'dprm-as' };
}

/** ORM-BoN whose CoTs below the top score get `1 - (1 - q(o))^N`, the chance of being drawn. */
export function ormBonDrawnNotReturned(n = 8): Selector {
  const options = checkOptions('orm-bon', {});
  const right = ormBon({ n });
  return {
    ...right,
    distribution(tmc, k) {
      const r = rewardsFor(tmc, k, options);
      const draws = baseDraws(tmc, k, 'task');
      const top = draws.reduce((m, d) => (r.rOut(d.path).gt(m) ? r.rOut(d.path) : m), ZERO);
      const returned = new Map(right.distribution(tmc, k).map((c) => [c.path.join(), c.prob]));
      return outputOf(draws, (d) => (nearlyEqual(r.rOut(d.path), top) ? (returned.get(d.path.join()) ?? ZERO) : ONE.minus(ONE.minus(d.q).pow(n))));
    },
  };
}

/** ORM-BoN returning the first draw with the LOWEST `R_out`. */
export function ormBonLowest(n = 8): Selector {
  const options = checkOptions('orm-bon', {});
  return {
    name: 'orm-bon',
    params: { n, start: 'task' },
    distribution(tmc, k) {
      const r = rewardsFor(tmc, k, options);
      const draws = baseDraws(tmc, k, 'task');
      const total = sum(draws.map((d) => d.q));
      const probs = byScoreClass(draws, (d) => r.rOut(d.path), (m, below) => {
        const above = total.minus(m).minus(below);
        return above.plus(m).pow(n).minus(above.pow(n));
      });
      return outputOf(draws, (d) => probs.get(d)!);
    },
    sample(tmc, k, rng) {
      const r = rewardsFor(tmc, k, options);
      const drawn = Array.from({ length: n }, () => sampleDraw(tmc, k, 'task', rng));
      return drawn[firstMax(drawn.map((o) => r.rOut(o).neg()))];
    },
  };
}

/**
 * ORM-BoN returning, among the drawn CoTs with the largest `R_out`, the first in `baseDraws` order
 * (lexicographic from the task's start). Member `j` of a score class (mass `B` below it, `m_{>=j}`
 * the class mass from `j` on) is returned when every draw lands in the lower classes or in members
 * `>= j`, and some draw is `j`: `(B + m_{>=j})^N - (B + m_{>j})^N`.
 */
export function ormBonFirstListed(n = 8): Selector {
  const options = checkOptions('orm-bon', {});
  return {
    name: 'orm-bon',
    params: { n, start: 'task' },
    distribution(tmc, k) {
      const r = rewardsFor(tmc, k, options);
      const draws = baseDraws(tmc, k, 'task');
      const probs = new Map<Draw, Dec>();
      let below = sum(draws.map((d) => d.q));
      for (const c of scoreClasses(draws, (d) => r.rOut(d.path))) {
        let from = c.members.reduce((a, d) => a.plus(d.q), ZERO);
        below = below.minus(from);
        const b = below.isNeg() ? ZERO : below;
        for (const d of c.members) {
          probs.set(d, b.plus(from).pow(n).minus(b.plus(from.minus(d.q)).pow(n)));
          from = from.minus(d.q);
        }
      }
      return outputOf(draws, (d) => probs.get(d)!);
    },
    sample(tmc, k, rng) {
      const r = rewardsFor(tmc, k, options);
      const drawn = Array.from({ length: n }, () => sampleDraw(tmc, k, 'task', rng));
      const top = drawn[firstMax(drawn.map((o) => r.rOut(o)))];
      const tied = drawn.filter((o) => compareExact(r.rOut(o), r.rOut(top)) === 0);
      return tied.reduce((a, o) => (o.join() < a.join() ? o : a));
    },
  };
}

/** Soft-BoN with the sign of `lambda` flipped: weights `exp(-lambda R_out)`. */
export function softBonFlipped(n = 8, lambda = 1): Selector {
  return softBonUnchecked('soft-bon', n, -lambda, checkOptions('soft-bon', {}));
}

/** The whole step to the first tied child. */
const firstChild: TieBreak = (leaders) => [{ state: leaders[0], prob: ONE }];

/** PRM-BoN giving a tie to the first tied child. */
export function prmBonFirstChild(): Selector {
  return prmBonWithTies('prm-bon', {}, firstChild);
}

/** PRM-BoN scoring child `v` of `x` by `R_prm(x v) / p(v|u)`: how good its completions are, not how likely. */
export function prmBonWithoutBase(): Selector {
  const rule = (tmc: Tmc, k: number) => {
    const r = taskRewards(tmc, k);
    return greedyRule(
      tmc,
      (prefix) => {
        const l = prefix.length - 2;
        return r.rPrm(prefix).div(tmc.kernels[l][prefix[l]][prefix[l + 1]]);
      },
      uniformTies,
    );
  };
  return {
    name: 'prm-bon',
    params: { start: 'task' },
    distribution: (tmc, k) => stepDistribution(tmc, k, 'task', rule(tmc, k)),
    sample: (tmc, k, rng) => stepSample(tmc, k, 'task', rule(tmc, k), rng),
  };
}

/**
 * The PRM as a state value: `E_p[rho | o_l = u] = sum_{x -> u} p(x) R_prm(x) / sum_{x -> u} p(x)`,
 * the same for every prefix reaching `u` (correct on trees only).
 */
export const statePrm: RewardModel = {
  name: 'state-prm',
  rOut: (tmc, k) => taskRewards(tmc, k).rOut,
  rPrm: (tmc, k) => {
    const r = taskRewards(tmc, k);
    const P = tmc.kernels;
    const start = tmc.tasks[k].start;
    const d = forwardPass(tmc, start, (l, u, v) => P[l][u][v]);
    const d2 = forwardPass(tmc, start, (l, u, v) => P[l][u][v].times(P[l][u][v]));
    return (prefix) => {
      if (prefix[0] !== start) return r.rPrm(prefix);
      const l = prefix.length - 1;
      const u = prefix[l];
      // R_prm(x) = p(x) c(u): the average over prefixes weighs p(x) by p(x).
      const c = r.rPrm(prefix).div(pathProbability(P, prefix));
      return c.times(d2[l][u]).div(d[l][u]);
    };
  },
};

/** Hard-instance pass@K, wrongly averaged over every instance. */
export function passAtKOverAllInstances(policy: Policy, tc: TaskCots, K: number): Dec {
  return passAtK(policy, tc, K);
}

/** Hard-instance pass@K one draw short: an undercount, below the ceiling of clause 2, so only the base's floor sees it. */
export function hardPassAtKOneDrawShort(policy: Policy, tc: TaskCots, K: number): Dec {
  return passAtK(policy, tc, K - 1, { hardOnly: true });
}

/** PRM-BoN sampling each step in proportion to `R_prm(x v)` instead of taking the best child. */
export function prmBonProportional(): Selector {
  const rule = (tmc: Tmc, k: number) => {
    const r = taskRewards(tmc, k);
    return (prefix: readonly number[]) => {
      const kids = children(tmc, prefix);
      const scores = kids.map((v) => r.rPrm([...prefix, v]));
      const total = sum(scores);
      return kids.map((v, i) => ({ state: v, prob: total.isZero() ? ONE.div(kids.length) : scores[i].div(total) }));
    };
  };
  return {
    name: 'prm-bon',
    params: { start: 'task' },
    distribution: (tmc, k) => stepDistribution(tmc, k, 'task', rule(tmc, k)),
    sample: (tmc, k, rng) => stepSample(tmc, k, 'task', rule(tmc, k), rng),
  };
}

/** A DPRM-BoN named and parameterized as `dprm-bon` at `lambda`, stepping by `rule`. */
function dprmBonStepping(lambda: number, rule: (tmc: Tmc, k: number) => ReturnType<typeof greedyRule>): Selector {
  return {
    name: 'dprm-bon',
    params: { lambda, start: 'task' },
    distribution: (tmc, k) => stepDistribution(tmc, k, 'task', rule(tmc, k)),
    sample: (tmc, k, rng) => stepSample(tmc, k, 'task', rule(tmc, k), rng),
  };
}

/** DPRM-BoN declaring `lambda` (default 1) and scoring with `lambda / 2`. */
export function dprmBonHalfLambda(lambda = 1): Selector {
  return dprmBonStepping(lambda, (tmc, k) => {
    const r = taskRewards(tmc, k);
    return greedyRule(tmc, (prefix) => r.rDprm(prefix, new D(lambda).div(2)));
  });
}

/** DPRM-BoN declaring `lambda` (default 1) and scoring with `2 lambda`. */
export function dprmBonDoubleLambda(lambda = 1): Selector {
  return dprmBonStepping(lambda, (tmc, k) => {
    const r = taskRewards(tmc, k);
    return greedyRule(tmc, (prefix) => r.rDprm(prefix, new D(lambda).times(2)));
  });
}

/** DPRM-BoN declaring `lambda` and scoring by `R_prm`. */
export function dprmBonAsPrm(lambda = 1): Selector {
  return dprmBonStepping(lambda, (tmc, k) => {
    const r = taskRewards(tmc, k);
    return greedyRule(tmc, (prefix) => r.rPrm(prefix));
  });
}

/** DPRM-BoN moving to the child with the lowest `R_dprm`. */
export function dprmBonLowest(lambda = 1): Selector {
  return dprmBonStepping(lambda, (tmc, k) => {
    const r = taskRewards(tmc, k);
    return greedyRule(tmc, (prefix) => r.rDprm(prefix, new D(lambda)).neg());
  });
}

/** DPRM-BoN giving a tie to the first tied child. */
export function dprmBonFirstChild(lambda = 1): Selector {
  return dprmBonStepping(lambda, (tmc, k) => {
    const r = taskRewards(tmc, k);
    return greedyRule(tmc, (prefix) => r.rDprm(prefix, new D(lambda)), firstChild);
  });
}

/** DPRM-BoN sampling each step in proportion to `h(x v) = exp(lambda R_dprm(x v))`. */
export function dprmBonProportional(lambda = 1): Selector {
  return dprmBonStepping(lambda, (tmc, k) => {
    const r = taskRewards(tmc, k);
    return (prefix: readonly number[]) => {
      const kids = children(tmc, prefix);
      const h = kids.map((v) => r.rDprm([...prefix, v], new D(lambda)).times(lambda).exp());
      const total = sum(h);
      return kids.map((v, i) => ({ state: v, prob: h[i].div(total) }));
    };
  });
}

/** The ORM reward without the normalization by `p(V)`: `R_out(o) = p(o)` on valid CoTs, 0 elsewhere. */
export const rOutUnnormalized: RewardModel = {
  name: 'r-out-unnormalized',
  rOut: (tmc, k) => {
    const p = new Map(taskCots(tmc, k).cots.map((c) => [c.path.join(), c.p]));
    return (path) => p.get(path.join()) ?? ZERO;
  },
  rPrm: (tmc, k) => taskRewards(tmc, k).rPrm,
};

/** A selector named and parameterized as Soft-BoN(n, lambda) with another's law and sampler. */
function asSoftBon(n: number, lambda: number, inner: Selector): Selector {
  return { ...inner, name: 'soft-bon', params: softBon({ n, lambda }).params };
}

/** Soft-BoN(n, lambda) returning the tilted base `q exp(lambda rho) / E_q[exp(lambda rho)]`, whatever `n`. */
export function softBonAsTilt(n = 8, lambda = 1): Selector {
  return asSoftBon(n, lambda, dprmAs({ lambda }));
}

/** Soft-BoN declaring `n` draws and taking `n + 1`. */
export function softBonOneDrawMore(n = 8, lambda = 1): Selector {
  return asSoftBon(n, lambda, softBonUnchecked('soft-bon', n + 1, lambda, checkOptions('soft-bon', {})));
}
