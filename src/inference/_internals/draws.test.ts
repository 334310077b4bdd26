import { describe, expect, test } from 'vitest';
import { D, ONE, ZERO } from '../../numeric.ts';
import { paperTmc } from '../../paper/reference.ts';
import { baseDraws, firstMax, outputOf, reportParams, scoreClasses, startWeights } from './draws.ts';

const d = (x: number | string) => new D(x);

describe('draw helpers', () => {
  test('firstMax: the first of the tied maxima, ties decided up to the working precision', () => {
    expect(firstMax([d(1), d(3), d(3), d(2)])).toBe(1);
    expect(firstMax([d(3), d('3.0000000000000000000000000000000000000000000001'), d(2)])).toBe(0);
    expect(firstMax([d(1), d(2)])).toBe(1);
  });

  test('scoreClasses: best class first, members in input order, near-equal scores merged', () => {
    const scores: Record<string, ReturnType<typeof d>> = { a: d(1), b: d(2), c: d('1.00000000000000000000000000000000000000000001'), d: d(2) };
    const classes = scoreClasses(['a', 'b', 'c', 'd'], (x) => scores[x]);
    expect(classes.map((c) => c.members)).toEqual([['b', 'd'], ['a', 'c']]);
  });

  test('outputOf drops the CoTs of probability 0 and keeps the order of the draws', () => {
    const draws = [{ path: [0, 1], q: d(0.5) }, { path: [0, 0], q: d(0.5) }, { path: [1, 1], q: d(0) }];
    expect(outputOf(draws, (x) => (x.path[1] === 1 ? ZERO : ONE)).map((c) => c.path)).toEqual([[0, 0]]);
    expect(outputOf(draws, (x) => x.q).map((c) => c.path)).toEqual([[0, 1], [0, 0]]);
  });

  test("startWeights and baseDraws: the task's start, or each state of layer 0 with weight 1/width", () => {
    const tmc = paperTmc();
    expect(startWeights(tmc, 1, 'task').map((s) => [s.state, s.weight.toString()])).toEqual([[1, '1']]);
    expect(startWeights(tmc, 1, 'uniform').map((s) => [s.state, s.weight.toString()])).toEqual([[0, '0.5'], [1, '0.5']]);
    const uniform = baseDraws(tmc, 0, 'uniform');
    expect(uniform.length).toBe(16);
    expect(uniform[0].path).toEqual([0, 0, 0, 0]);
    expect(uniform[8].path).toEqual([1, 0, 0, 0]);
    // q = p / 2 for a uniform start: 0000 has p = 50/121.
    expect(uniform[0].q.times(242).toDecimalPlaces(30).toString()).toBe('50');
  });

  test('reportParams: own parameters, the start, and the reward task only when set', () => {
    expect(reportParams({ n: 3 }, { start: 'task' })).toStrictEqual({ n: 3, start: 'task' });
    expect(reportParams({}, { start: 'uniform', rewardTask: 0 })).toEqual({ start: 'uniform', rewardTask: 0 });
  });
});
