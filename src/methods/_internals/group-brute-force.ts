/**
 * The expected update of a group rule by brute force, for tests: every instance and every ordered
 * group of `G` CoTs from the start, `E[(1/G) sum_i A_i grad log pi(o_i)]` straight from the
 * algorithm's definition (no derivation shared with the rules under test).
 */
import { instances } from '../../exact/instances.ts';
import { enumeratePaths } from '../../exact/paths.ts';
import { D, ONE, ZERO, type Dec } from '../../numeric.ts';
import { addScaledScore, zerosLike, type Policy } from '../../policy.ts';
import { cotIndex } from '../../sampling.ts';
import { trainContext } from '../update-rule.ts';

/** GRPO's advantage `(r_i - mean)/std` with the population std (0 when it is 0). */
export function grpoAdvantage(r: readonly number[]): Dec[] {
  const mean = new D(r.filter((x) => x === 1).length).div(r.length);
  const std = mean.times(ONE.minus(mean)).sqrt();
  return r.map((x) => (std.isZero() ? ZERO : new D(x).minus(mean).div(std)));
}

/** `E[(1/G) sum_i A_i grad log pi(o_i)]` for task 0, by enumerating instances and all G-tuples of CoTs. */
export function groupUpdateByBruteForce(policy: Policy, G: number, advantage: (r: readonly number[]) => readonly Dec[]): Dec[][][] {
  const ctx = trainContext(policy.tmc, 0);
  const paths = enumeratePaths(policy.probs, ctx.tc.task.start);
  const total = zerosLike(policy.tmc);
  for (const q of instances(ctx.tc)) {
    const walk = (chosen: number[]): void => {
      if (chosen.length < G) return paths.forEach((_, i) => walk([...chosen, i]));
      let prob = q.prob;
      const r = chosen.map((i) => {
        prob = prob.times(paths[i].p);
        const k = cotIndex(ctx.tc, paths[i].path);
        return k >= 0 && q.correct[k] ? 1 : 0;
      });
      const A = advantage(r);
      chosen.forEach((i, j) => {
        if (!A[j].isZero()) addScaledScore(total, policy, paths[i].path, prob.times(A[j]).div(G));
      });
    };
    walk([]);
  }
  return total;
}
