/**
 * The corollary behind orm-bon-consistency's base floor (properties/orm-bon-consistency.prop.ts,
 * clause 3): every hard instance's `C_Q` holds a hard valid CoT, of base draw probability `q >= q_min`,
 * so `1 - (1 - q(C_Q))^N >= 1 - (1 - q_min)^N` instance by instance, hence on average over the hard
 * instances. No selector enters it. Checked on random TMCs (hard valid CoTs, dense ones with shared
 * states), both start modes, `N` in 1..64, with the law's own `drawProbability`.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { denseTmcArbitrary } from '../src/arbitraries/dense.ts';
import { runs } from '../src/arbitraries/profile.ts';
import { tmcArbitrary } from '../src/arbitraries/tmc.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { instances } from '../src/exact/instances.ts';
import { ONE, compareExact, show, sum } from '../src/numeric.ts';
import { drawProbability } from '../properties/orm-bon-consistency.prop.ts';

const cases = fc.record({
  tmc: fc.oneof(tmcArbitrary({ hardValid: true, maxLayers: 4, maxWidth: 3 }), denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 3 })),
  N: fc.integer({ min: 1, max: 64 }),
  start: fc.constantFrom('task' as const, 'uniform' as const),
});

test('base pass@N on hard instances >= 1 - (1 - q_min)^N', () => {
  let said = 0;
  fc.assert(
    fc.property(cases, ({ tmc, N, start }) => {
      const tc = taskCots(tmc, 0);
      const hard = instances(tc).filter((i) => i.hard);
      if (hard.length === 0) return;
      said++;
      const q = drawProbability(tmc, 0, start);
      const pHard = sum(hard.map((i) => i.prob));
      const qC = (i: (typeof hard)[number]) => sum(tc.cots.filter((_, j) => i.correct[j]).map((c) => q(c.path)));
      const basePass = sum(hard.map((i) => i.prob.times(ONE.minus(ONE.minus(qC(i)).pow(N))))).div(pHard);
      const qMin = tc.cots.filter((c) => c.kind === 'hard').map((c) => q(c.path)).reduce((a, b) => (b.lt(a) ? b : a));
      const floor = ONE.minus(ONE.minus(qMin).pow(N));
      if (compareExact(floor, basePass) > 0) throw new Error(`base pass@${N} on hard instances ${show(basePass)} < 1 - (1 - q_min)^N = ${show(floor)}`);
    }),
    { numRuns: runs(100), seed: 1 },
  );
  // Most cases have hard instances, where the bound says something.
  expect(said).toBeGreaterThanOrEqual(50);
});
