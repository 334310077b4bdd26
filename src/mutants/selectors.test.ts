/**
 * Every selector claim of properties/ fails on its sentinel mutant (src/mutants/selectors.ts) with a
 * fixed seed, and fast-check shrinks the failure to the small TMC written out below. The saved
 * examples (the paper's TMC) are left out of the shrink runs: they fail first and do not shrink.
 */
import { describe, expect, test } from 'vitest';
import { bayesOptimalRewards } from '../../properties/bayes-optimal-rewards.prop.ts';
import { dprmAsExactness } from '../../properties/dprm-as-exactness.prop.ts';
import { ormBonConsistency } from '../../properties/orm-bon-consistency.prop.ts';
import { prmBonDeterminism, prmBonDeterministic, prmBonPaperEasy } from '../../properties/prm-bon-determinism.prop.ts';
import { dprmBonReachesArgmax, dprmBonThreshold } from '../../properties/dprm-bon-reaches-argmax.prop.ts';
import { rareCots } from '../../properties/rare-cots.prop.ts';
import { softBonTilt } from '../../properties/soft-bon-tilt.prop.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { taskCots } from '../exact/correctness.ts';
import { dprmBon, ormBon, prmBon, softBon } from '../inference/index.ts';
import { ONE, maxOf, show } from '../numeric.ts';
import { FIXTURES_DIR } from '../paper/reference.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { runTheorem } from '../theorems/run.ts';
import type { Theorem } from '../theorems/theorem.ts';
import { scaledLaw } from './selector-laws.ts';
import * as mutant from './selectors.ts';

const SEED = 1;

interface Sentinel {
  readonly theorem: Theorem<any>;
  /** The shrunk TMC's kernels and tasks, exactly. */
  readonly kernels: string[][][];
  readonly tasks: { name: string; start: number; target: number }[];
  /** Fragment of the failure message. */
  readonly error: string;
  /** Further fields of the shrunk case. */
  readonly fields?: Record<string, unknown>;
}

const half = ['1/2', '1/2'];
const task1 = { name: 'task1', start: 0, target: 0 };
const task2 = { name: 'task2', start: 0, target: 0 };
const paper = [
  [['10/11', '1/11'], ['10/11', '1/11']],
  [['10/11', '1/11'], ['1/11', '10/11']],
  [half, ['10/11', '1/11']],
];
/** Two easy CoTs tied at the top, 0-0-0 and 0-1-0 (withTiedEasyMax's shape). */
const tiedTop = [[half, half], [['3/4', '1/4'], ['3/4', '1/4']]];
/** The fork family F(k/100) of dprm-bon-reaches-argmax. */
const fork = (k: number) => [[half], [['1', '0', '0'], ['0', '1/2', '1/2']], [[`${k}/100`, `${100 - k}/100`], ['1', '0'], ['1', '0']]];
const third = ['1/3', '1/3', '1/3'];
/** forkTree(1, 1, k, c) of src/arbitraries/fork-tree.ts: a1's row and b's, in lowest terms. */
const forkTree = (a1: string[], b: string[]) => [[half], [['1', '0', '0'], ['0', ...b]], [a1, ['1', '0'], ['1', '0']]];

const sentinels: Record<string, Sentinel> = {
  'dprm-bon-reaches-argmax/prm-bon / PRM-BoN breaking ties by the first child': {
    theorem: dprmBonReachesArgmax.make(mutant.prmBonFirstChild()),
    kernels: fork(51),
    tasks: [task1],
    error: 'q = 0.51: returns 0-1-1-0: 1, expected b1, b2 at 1/2 (R(a) - R(b) = -0.158874)',
  },
  'dprm-bon-reaches-argmax/dprm-bon[lambda=8] / scoring with lambda/2': {
    theorem: dprmBonReachesArgmax.make(mutant.dprmBonHalfLambda(8)),
    kernels: fork(60),
    tasks: [task1],
    error: 'q = 0.6: returns 0-1-1-0: 0.5, 0-1-2-0: 0.5, expected o* = 0-0-0-0 (R(a) - R(b) = 0.00272835)',
  },
  'dprm-bon-reaches-argmax/dprm-bon[lambda=4] / scoring by R_prm': {
    theorem: dprmBonReachesArgmax.make(mutant.dprmBonAsPrm(4)),
    kernels: fork(64),
    tasks: [task1],
    error: 'q = 0.64: returns 0-1-1-0: 0.5, 0-1-2-0: 0.5, expected o* = 0-0-0-0 (R(a) - R(b) = 0.00169871)',
  },
  'dprm-bon-threshold/dprm-bon[lambda=4], above lambda* / scoring with lambda/2': {
    theorem: dprmBonThreshold.make(mutant.dprmBonHalfLambda(4)),
    kernels: forkTree(['67/100', '33/100'], ['2/5', '3/5']),
    tasks: [task1],
    error: 'above the threshold: lambda = 4 > lambda* = 3.27122, so P(o* = 0-0-0-0) should be 1, got 0',
  },
  'dprm-bon-threshold/dprm-bon[lambda=4], below lambda* / scoring with 2 lambda': {
    theorem: dprmBonThreshold.make(mutant.dprmBonDoubleLambda(4)),
    kernels: forkTree(['61/100', '39/100'], ['4/9', '5/9']),
    tasks: [task1],
    error: 'below the threshold: lambda = 4 < lambda* = 7.64320, F_w(lambda)/h(v*) = -0.120969 at layer 0, child 0 against 1, so P(o* = 0-0-0-0) should be 0, got 1',
  },
  'dprm-bon-threshold/prm-bon, returns o* / scoring children without p(v|u)': {
    theorem: dprmBonThreshold.make(mutant.prmBonWithoutBase()),
    kernels: forkTree(['1/20', '19/20'], ['4/9', '5/9']),
    tasks: [task1],
    error: 'PRM-BoN: every E[rho | v*] > E[rho | w], so P(o* = 0-1-2-0) should be 1, got 0.5',
  },
  'dprm-bon-threshold/prm-bon, misses o* / stepping in proportion to R_prm': {
    theorem: dprmBonThreshold.make(mutant.prmBonProportional()),
    kernels: forkTree(['14/25', '11/25'], ['4/9', '5/9']),
    tasks: [task1],
    error: 'PRM-BoN: E[rho | v*] - E[rho | w] = -0.123444 at layer 0, child 0 against 1, so P(o* = 0-0-0-0) should be 0, got 0.382545',
  },
  // The parameter values of the registered instances (dprm-as[lambda=40], [lambda=0.01], orm-bon[n=64],
  // soft-bon[n=40,lambda=3]), from the task's start.
  'dprm-as-exactness/dprm-as[lambda=40] / without the base factor': {
    theorem: dprmAsExactness.make(mutant.dprmAsWithoutBaseFactor(40)),
    kernels: [[half, half], [half, ['2/3', '1/3']]],
    tasks: [task1, task2],
    error: '1: pi(0-1-0) = 0.997532 but p exp(lambda rho)/E = 0.997532',
  },
  'dprm-as-exactness/dprm-as[lambda=0.01] / without the base factor': {
    theorem: dprmAsExactness.make(mutant.dprmAsWithoutBaseFactor(0.01)),
    kernels: [[half, half], [half, ['2/3', '1/3']]],
    tasks: [task1, task2],
    error: '1: pi(0-1-0) = 0.250923 but p exp(lambda rho)/E = 0.334246',
  },
  'orm-bon-consistency/orm-bon[n=64] / picking the lowest score': {
    theorem: ormBonConsistency.make(mutant.ormBonLowest(64)),
    kernels: [[['3/4', '1/4']]],
    tasks: [task1],
    error: '1: P_N(0-0) = 1.00907e-8 but q(o)/q(M) (1 - (1 - q(M))^N) = 1 (q(o) = 0.75, q(M) = 0.75, N = 64)',
  },
  'orm-bon-consistency/orm-bon[n=64] / ties to the first listed CoT': {
    theorem: ormBonConsistency.make(mutant.ormBonFirstListed(64)),
    kernels: tiedTop,
    tasks: [task1],
    error: '1: P_N(0-0-0) = 1 but q(o)/q(M) (1 - (1 - q(M))^N) = 0.5 (q(o) = 0.375, q(M) = 0.75, N = 64, tied with 0-1-0)',
  },
  'soft-bon-tilt/soft-bon[n=40] / lambda = 3 flipped': {
    theorem: softBonTilt.make(mutant.softBonFlipped(40, 3)),
    kernels: [[['2/3', '1/3']]],
    tasks: [task1, task2],
    error: 'R_out(0-1) < R_out(0-0) but P_N/q is 2.71065 > 0.144676',
  },
  'prm-bon-determinism/dprm-bon / scoring by R_prm': {
    theorem: prmBonDeterminism.make(mutant.dprmBonAsPrm()),
    kernels: [[third, third, ['1/6', '1/6', '2/3']], [['1/3', '2/3', '0'], third, ['1/6', '2/3', '1/6']]],
    tasks: [{ name: 'task1', start: 2, target: 0 }],
    error: 'P(2-0-0) = 0.333333 but the greedy walk on the leading prefix gives 0',
  },
  'prm-bon-deterministic/dprm-bon / stepping in proportion to h': {
    theorem: prmBonDeterministic.make(mutant.dprmBonProportional()),
    kernels: [[half, half], [half, ['2/3', '1/3']]],
    tasks: [task1],
    error: 'returns 4 CoTs: 0-0-0 with 0.275952, 0-0-1 with 0.179766, 0-1-0 with 0.347847, 0-1-1 with 0.196435',
  },
  'prm-bon-paper-easy/dprm-bon / moving to the lowest R_dprm': {
    theorem: prmBonPaperEasy.make(mutant.dprmBonLowest()),
    kernels: paper,
    tasks: [task1, { name: 'task2', start: 1, target: 1 }],
    error: 'task 1: P(easy 0-0-0-0) = 0; also returns 0-1-0-1 (hard): 1',
  },
  'orm-bon-consistency / ORM-BoN picking the lowest score': {
    theorem: ormBonConsistency.make(mutant.ormBonLowest()),
    kernels: [[['3/4', '1/4']]],
    tasks: [task1],
    error: '1: P_N(0-0) = 0.100113 but q(o)/q(M) (1 - (1 - q(M))^N) = 0.999985',
  },
  'orm-bon-consistency, clause 2 (hard instances) / ORM-BoN giving a CoT below the top its chance of being drawn': {
    theorem: ormBonConsistency.make(mutant.ormBonDrawnNotReturned()),
    kernels: [[['3/4', '1/4']], [['1'], ['1']]],
    tasks: [task1],
    // The hard CoT 0-1-0 (q = 1/4) gets 1 - (3/4)^8 where ORM-BoN returns it w.p. (1/4)^8.
    error: '2: ORM-BoN success on hard instances 0.899887 > (1 - q(M))^N = 0.0000152588',
  },
  'orm-bon-consistency / ORM-BoN breaking ties by the first listed CoT': {
    theorem: ormBonConsistency.make(mutant.ormBonFirstListed()),
    kernels: tiedTop,
    tasks: [task1],
    error: '1: P_N(0-0-0) = 0.976717 but q(o)/q(M) (1 - (1 - q(M))^N) = 0.499992 (q(o) = 0.375, q(M) = 0.75, N = 8, tied with 0-1-0)',
  },
  'soft-bon-tilt / Soft-BoN with the sign of lambda flipped': {
    theorem: softBonTilt.make(mutant.softBonFlipped()),
    kernels: [[half, half], [half, half]],
    tasks: [task1, task2],
    error: 'R_out(0-0-1) < R_out(0-0-0) but P_N/q is 1.21553 > 0.784473',
  },
  'prm-bon-determinism / PRM-BoN breaking ties by the first child': {
    theorem: prmBonDeterminism.make(mutant.prmBonFirstChild()),
    kernels: [[half, half], [half, half]],
    tasks: [task1],
    error: 'P(0-0-0) = 1 but the greedy walk on the leading prefix gives 0.5',
  },
  'prm-bon-determinism/dprm-bon / DPRM-BoN breaking ties by the first child': {
    theorem: prmBonDeterminism.make(mutant.dprmBonFirstChild()),
    kernels: [[half, half], [half, half]],
    tasks: [task1],
    error: 'P(0-0-0) = 1 but the greedy walk on the leading prefix gives 0.5',
  },
  'prm-bon-deterministic / PRM-BoN stepping in proportion to R_prm': {
    theorem: prmBonDeterministic.make(mutant.prmBonProportional()),
    kernels: [[half, half], [half, ['2/3', '1/3']]],
    tasks: [task1],
    error: 'returns 2 CoTs: 0-0-0 with 0.36, 0-1-0 with 0.64',
  },
  'prm-bon-paper-easy / PRM-BoN scoring children without p(v|u)': {
    theorem: prmBonPaperEasy.make(mutant.prmBonWithoutBase()),
    kernels: paper,
    tasks: [task1, { name: 'task2', start: 1, target: 1 }],
    error: 'task 1: P(easy 0-0-0-0) = 0; also returns 0-1-1-0 (hard): 1',
  },
  'dprm-as-exactness / DPRM-AS without the base factor p(v|u)': {
    theorem: dprmAsExactness.make(mutant.dprmAsWithoutBaseFactor()),
    kernels: [[half, half], [half, ['2/3', '1/3']]],
    tasks: [task1, task2],
    error: '1: pi(0-1-0) = 0.347847 but p exp(lambda rho)/E = 0.424438',
  },
  'bayes-optimal-rewards / the PRM as a state value': {
    theorem: bayesOptimalRewards(mutant.statePrm),
    kernels: [[half, half], [half, ['1', '0']], [half, half]],
    tasks: [task1],
    error: '2: R_prm(0-0-0) = 0.208333 but E_{o|x} E_Q[R_Q(o)] = 0.125',
  },
  'bayes-optimal-rewards, clause 1 / R_out = p(o), the normalization by p(V) forgotten': {
    theorem: bayesOptimalRewards(mutant.rOutUnnormalized),
    kernels: [[['2/3', '1/3']]],
    tasks: [task1, task2],
    error: '1: R_out(0-0) = 0.666667 but E_Q[R_Q(o)] = 1',
  },
  'soft-bon-tilt, clause 2 (lower bound) / Soft-BoN returning the tilted base, its N -> infinity limit': {
    theorem: softBonTilt.make(mutant.softBonAsTilt()),
    kernels: [[half, half], [half, half]],
    tasks: [task1, task2],
    error: '2: P_N(0-0-1)/q = 0.755081 < N w/(w + (N-1) mu) = 0.778928 (R_out = 0)',
  },
  'soft-bon-tilt, clause 3 (upper bound) / Soft-BoN drawing n + 1': {
    theorem: softBonTilt.make(mutant.softBonOneDrawMore()),
    kernels: [[half, half], [half, half]],
    tasks: [task1, task2],
    error: '3: P_N(0-0-0)/q = 1.21885 > N w/m + N w (N-1) sigma^2/(a m^2) = 1.21736 (R_out = 0.5)',
  },
  'soft-bon-tilt, clause 4 (a distribution) / Soft-BoN law scaled by 1.001': {
    theorem: softBonTilt.make(scaledLaw(softBon(), 1.001)),
    kernels: [[half, half], [half, half]],
    tasks: [task1, task2],
    error: '4: probabilities sum to 1.001',
  },
  'rare-cots / hard-instance pass@K averaged over every instance': {
    theorem: rareCots(mutant.passAtKOverAllInstances, 'rare-cots/all-instances'),
    kernels: [[['1/4', '3/4'], half], [half, ['1', '0']], [['3/4', '1/4'], half]],
    tasks: [task1],
    error: '2: hard pass@1 of pi_0 = 0.45788 > 1 - (1 - eps_t)^K = 0.4375',
    fields: { t: 0, K: 1 },
  },
  'rare-cots, clause 4 (the base floor) / hard-instance pass@K with K - 1 draws': {
    theorem: rareCots(mutant.hardPassAtKOneDrawShort, 'rare-cots/one-draw-short'),
    kernels: [[['3/4', '1/4'], half], [['3/4', '1/4'], half], [['3/4', '1/4'], half]],
    tasks: [task1],
    error: '4: base hard pass@1 = 0 < 1 - (1 - p_min)^K = 0.0625',
    fields: { t: 0, K: 1 },
  },
};

describe.each(Object.entries(sentinels))('%s', (_, s) => {
  test('fails with the saved examples (the paper TMC) and with generated cases', () => {
    expect(runTheorem(s.theorem, { seed: SEED }).status).toBe('failed');
  });

  test('shrinks to the expected witness', () => {
    const r = runTheorem({ ...s.theorem, examples: undefined }, { seed: SEED });
    expect(r.status).toBe('failed');
    const { tmc, ...fields } = r.counterexample!;
    expect({ kernels: tmc.spec.kernels, tasks: tmc.spec.tasks }).toEqual({ kernels: s.kernels, tasks: s.tasks });
    expect(r.error).toContain(s.error);
    for (const [k, v] of Object.entries(s.fields ?? {})) expect(String(fields[k])).toBe(String(v));
  });
});

test('ties at the top: the first listed most consistent CoT is not returned w.p. 1 - (1 - q*)^N (orm-bon-consistency--first-maximizer)', () => {
  const json = JSON.parse(readFileSync(join(FIXTURES_DIR, 'counterexamples', 'orm-bon-consistency--first-maximizer.json'), 'utf8'));
  const tmc = tmcFromSpec(json.tmc);
  const s = ormBon(json.selector.params);
  const out = new Map(s.distribution(tmc, 0).map((c) => [c.path.join('-'), c.prob]));
  const [first, other] = taskCots(tmc, 0).cots.filter((c) => c.rho.eq(maxOf(taskCots(tmc, 0).cots.map((o) => o.rho))));
  const n = json.selector.params.n;
  const stated = ONE.minus(ONE.minus(first.p).pow(n));
  expect(json.quantities).toBe(
    `P_N(${first.path.join('-')}) = ${show(out.get(first.path.join('-'))!)} but 1 - (1 - q*)^N = ${show(stated)} (q* = ${show(first.p)}, N = ${n}); ` +
      `tied with ${other.path.join('-')}, q(M) = ${show(first.p.plus(other.p))}`,
  );
  // The claim as stated (every tied CoT gets q(o)/q(M) of 1 - (1 - q(M))^N) holds on the same TMC.
  expect(ormBonConsistency.make(s).property({ tmc, task: 0 })).not.toBe(false);
});

test.each([prmBon(), dprmBon()])("regression: $name returns the easy CoT of both tasks on the paper's TMC", (s) => {
  expect(runTheorem(prmBonPaperEasy.make(s), { seed: SEED }).status).toBe('passed');
});
