/**
 * # The base pass@N on hard instances has a floor
 *
 * Every hard instance's `C_Q` holds a hard valid CoT, of base draw probability `q >= q_min`, so
 * `1 - (1 - q(C_Q))^N >= 1 - (1 - q_min)^N` (`floor(q_min, N)`) instance by instance, hence on average
 * over the hard instances. No selector enters it. Random TMCs (hard valid CoTs, dense ones with shared
 * states), both start modes, `N` in 1..64, with orm-bon-consistency's own `drawProbability`. `onHard`
 * counts the cases that have hard instances.
 */
import fc from 'fast-check';
import { denseTmcArbitrary } from '../../src/arbitraries/dense.ts';
import { tmcArbitrary } from '../../src/arbitraries/tmc.ts';
import { taskCots } from '../../src/exact/correctness.ts';
import { instances } from '../../src/exact/instances.ts';
import { ONE, compareExact, show, sum, type Dec } from '../../src/numeric.ts';
import type { Tmc } from '../../src/tmc.ts';
import { drawProbability } from '../../properties/orm-bon-consistency.prop.ts';

export type HardFloor = (qMin: Dec, N: number) => Dec;

export const atLeastOneHardDraw: HardFloor = (qMin, N) => ONE.minus(ONE.minus(qMin).pow(N));

export function basePassAtNFloorOnHardInstances(
  floorOf: HardFloor = atLeastOneHardDraw,
  onHard: () => void = () => {},
): fc.IProperty<[{ tmc: Tmc; N: number; start: 'task' | 'uniform' }]> {
  const cases = fc.record({
    tmc: fc.oneof(tmcArbitrary({ hardValid: true, maxLayers: 4, maxWidth: 3 }), denseTmcArbitrary({ minLayers: 3, maxLayers: 4, maxWidth: 3 })),
    N: fc.integer({ min: 1, max: 64 }),
    start: fc.constantFrom('task' as const, 'uniform' as const),
  });
  return fc.property(cases, ({ tmc, N, start }) => {
    const tc = taskCots(tmc, 0);
    const hard = instances(tc).filter((i) => i.hard);
    if (hard.length === 0) return;
    onHard();
    const q = drawProbability(tmc, 0, start);
    const pHard = sum(hard.map((i) => i.prob));
    const qC = (i: (typeof hard)[number]) => sum(tc.cots.filter((_, j) => i.correct[j]).map((c) => q(c.path)));
    const basePass = sum(hard.map((i) => i.prob.times(ONE.minus(ONE.minus(qC(i)).pow(N))))).div(pHard);
    const qMin = tc.cots.filter((c) => c.kind === 'hard').map((c) => q(c.path)).reduce((a, b) => (b.lt(a) ? b : a));
    const floor = floorOf(qMin, N);
    if (compareExact(floor, basePass) > 0) throw new Error(`base pass@${N} on hard instances ${show(basePass)} < the floor ${show(floor)} (q_min ${show(qMin)})`);
  });
}
