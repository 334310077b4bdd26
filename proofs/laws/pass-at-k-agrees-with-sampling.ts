/**
 * # Exact pass@K agrees with a seeded sampled estimate
 *
 * Main statement: for every task `k`, policy `pi` and `K >= 1`, the exact
 * `passAtK = E_Q[1 - (1 - pi(C_Q))^K]` and the hard-instance version `E_Q[... | Q hard]` lie within
 * a 5-sigma binomial bound of their estimates from `N` seeded draws of an instance `Q`
 * (`sampleInstance`) and `K` CoTs from `pi` (`sampleCot`), counted solved when a drawn CoT is in
 * `C_Q`.
 *
 * Implementation notes: the bound is `5 sqrt((p(1-p) + 1/n) / n)` for exact value `p` and `n`
 * draws; the `1/n` term keeps it honest at `p` near 0 or 1, where one unlucky draw would exceed
 * `5 sqrt(p(1-p)/n)`. The sampling seed is part of the case, so a failure replays exactly.
 */
import fc from 'fast-check';
import { taskCots } from '../../src/exact/correctness.ts';
import { MAX_INSTANCE_COTS } from '../../src/exact/instance-moments.ts';
import { cotIndex, makeRng, sampleCot, sampleInstance } from '../../src/sampling.ts';
import { casePolicy, policyCases, type PolicyCase } from './cases.ts';
import type { ExactEngine } from './engine.ts';

/** Sampled instances per task and case. */
export const DRAWS = 1000;

export interface PassAtKCase extends PolicyCase {
  readonly K: number;
  readonly seed: number;
}

/** True when the estimate `hits / n` is within 5 binomial sigmas (plus the `1/n` guard) of `p`. */
function withinFiveSigma(p: number, hits: number, n: number): boolean {
  return Math.abs(hits / n - p) <= 5 * Math.sqrt((p * (1 - p) + 1 / n) / n);
}

export function passAtKAgreesWithSampling(engine: ExactEngine): fc.IProperty<[PassAtKCase]> {
  const cases = fc
    .tuple(policyCases(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
    .map(([c, K, seed]) => ({ ...c, K, seed }));
  return fc.property(cases, (c) => {
    const policy = casePolicy(c);
    c.tmc.tasks.forEach((task, k) => {
      const tc = taskCots(c.tmc, k);
      if (tc.cots.length > MAX_INSTANCE_COTS) return; // beyond the exact instance quantities
      const rng = makeRng(`${c.seed}/${k}`);
      let solved = 0;
      let hard = 0;
      let hardSolved = 0;
      for (let i = 0; i < DRAWS; i++) {
        const correct = sampleInstance(tc, rng);
        const isHard = correct.some(Boolean) && tc.cots.every((cot, j) => !correct[j] || cot.kind === 'hard');
        let hit = false;
        for (let j = 0; j < c.K; j++) {
          const at = cotIndex(tc, sampleCot(policy.probs, task.start, rng));
          hit ||= at >= 0 && correct[at];
        }
        solved += Number(hit);
        hard += Number(isHard);
        hardSolved += Number(isHard && hit);
      }
      const exact = engine.passAtK(policy, tc, c.K).toNumber();
      if (!withinFiveSigma(exact, solved, DRAWS)) {
        throw new Error(`task ${k} pass@${c.K}: exact ${exact}, sampled ${solved}/${DRAWS}`);
      }
      const exactHard = engine.passAtK(policy, tc, c.K, { hardOnly: true }).toNumber();
      if (hard > 0 && !withinFiveSigma(exactHard, hardSolved, hard)) {
        throw new Error(`task ${k} pass@${c.K} on hard instances: exact ${exactHard}, sampled ${hardSolved}/${hard}`);
      }
    });
  });
}
