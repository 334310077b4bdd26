import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { paperTmc } from '../paper/reference.ts';
import {
  SELECTOR_NAMES,
  builtinSelectors,
  dprmAs,
  dprmAsWithoutBase,
  dprmBon,
  ormBon,
  ormBonTopK,
  prmBon,
  selectorByName,
  selectorLabel,
  softBon,
  softBonDistinct,
  type Selector,
} from './index.ts';

const summary = (s: Selector) => [s.name, s.params];

describe('the built-in selectors and their names', () => {
  test('builtinSelectors: the five selectors of SPEC §5 with N = 8, lambda = 1, start at the task', () => {
    expect(builtinSelectors().map(summary)).toStrictEqual([
      ['orm-bon', { n: 8, start: 'task' }],
      ['soft-bon', { n: 8, lambda: 1, start: 'task' }],
      ['prm-bon', { start: 'task' }],
      ['dprm-bon', { lambda: 1, start: 'task' }],
      ['dprm-as', { lambda: 1, start: 'task' }],
    ]);
  });

  test('selectorByName builds each selector with the parameters it reads', () => {
    const p = { n: 3, lambda: 2, keep: 2, start: 'uniform', rewardTask: 1 } as const;
    expect(SELECTOR_NAMES.map((name) => summary(selectorByName(name, p)))).toStrictEqual([
      ['orm-bon', { n: 3, start: 'uniform', rewardTask: 1 }],
      ['soft-bon', { n: 3, lambda: 2, start: 'uniform', rewardTask: 1 }],
      ['prm-bon', { start: 'uniform', rewardTask: 1 }],
      ['dprm-bon', { lambda: 2, start: 'uniform', rewardTask: 1 }],
      ['dprm-as', { lambda: 2, start: 'uniform', rewardTask: 1 }],
      ['orm-bon-top-k', { n: 3, keep: 2, start: 'uniform', rewardTask: 1 }],
      ['soft-bon-distinct', { n: 3, lambda: 2, start: 'uniform', rewardTask: 1 }],
      ['dprm-as-without-base', { lambda: 2, start: 'uniform', rewardTask: 1 }],
    ]);
  });

  test('the factories name their selectors and report their defaults', () => {
    expect([ormBonTopK({ keep: 2 }), softBonDistinct(), dprmAsWithoutBase(), selectorByName('orm-bon-top-k')].map(summary)).toStrictEqual([
      ['orm-bon-top-k', { n: 8, keep: 2, start: 'task' }],
      ['soft-bon-distinct', { n: 8, lambda: 1, start: 'task' }],
      ['dprm-as-without-base', { lambda: 1, start: 'task' }],
      ['orm-bon-top-k', { n: 8, keep: 1, start: 'task' }],
    ]);
  });

  test('an unknown name is a usage error listing the known ones', () => {
    expect(() => selectorByName('best-guess')).toThrow(
      new UsageError(`unknown selector "best-guess"; known: ${SELECTOR_NAMES.join(', ')}`),
    );
  });

  test.each(['constructor', 'toString', '__proto__', 'valueOf'])('%s, found on Object.prototype, is no selector', (name) => {
    expect(() => selectorByName(name)).toThrow(new UsageError(`unknown selector "${name}"; known: ${SELECTOR_NAMES.join(', ')}`));
  });

  test('selectorLabel: the name, with the parameters that differ from the defaults in brackets', () => {
    expect(selectorLabel(dprmAs())).toBe('dprm-as');
    expect(selectorLabel(dprmAs({ lambda: 40 }))).toBe('dprm-as[lambda=40]');
    expect(selectorLabel(softBon({ n: 4, lambda: 2 }))).toBe('soft-bon[n=4,lambda=2]');
    expect(selectorLabel(ormBonTopK({ keep: 1 }))).toBe('orm-bon-top-k');
    expect(selectorLabel(ormBonTopK({ keep: 1, start: 'uniform' }))).toBe('orm-bon-top-k[start=uniform]');
    // keep is a parameter like any other: two keeps are two theorem ids.
    expect(selectorLabel(ormBonTopK({ keep: 3 }))).toBe('orm-bon-top-k[keep=3]');
    const own: Selector = { name: 'mine', params: { a: 1 }, distribution: () => [], sample: () => [] };
    expect(selectorLabel(own)).toBe('mine[a=1]');
  });
});

describe('parameters are checked on entry, each message naming the selector', () => {
  const cases: [string, () => Selector, string][] = [
    ['orm-bon n 0', () => ormBon({ n: 0 }), 'orm-bon: n must be an integer >= 1, got 0'],
    ['orm-bon n 2.5', () => ormBon({ n: 2.5 }), 'orm-bon: n must be an integer >= 1, got 2.5'],
    ['orm-bon start', () => ormBon({ start: 'middle' as 'task' }), 'orm-bon: start must be "task" or "uniform", got "middle"'],
    ['orm-bon-top-k n', () => ormBonTopK({ n: 0, keep: 1 }), 'orm-bon-top-k: n must be an integer >= 1, got 0'],
    ['orm-bon-top-k keep', () => ormBonTopK({ keep: 0 }), 'orm-bon-top-k: keep must be an integer >= 1, got 0'],
    ['orm-bon-top-k start', () => ormBonTopK({ keep: 1, start: 'x' as 'task' }), 'orm-bon-top-k: start must be "task" or "uniform", got "x"'],
    ['soft-bon n', () => softBon({ n: 0 }), 'soft-bon: n must be an integer >= 1, got 0'],
    ['soft-bon lambda 0', () => softBon({ lambda: 0 }), 'soft-bon: lambda must be a positive number, got 0'],
    ['soft-bon start', () => softBon({ start: 'x' as 'task' }), 'soft-bon: start must be "task" or "uniform", got "x"'],
    ['soft-bon-distinct n', () => softBonDistinct({ n: 0 }), 'soft-bon-distinct: n must be an integer >= 1, got 0'],
    ['soft-bon-distinct lambda', () => softBonDistinct({ lambda: -1 }), 'soft-bon-distinct: lambda must be a positive number, got -1'],
    ['soft-bon-distinct start', () => softBonDistinct({ start: 'x' as 'task' }), 'soft-bon-distinct: start must be "task" or "uniform", got "x"'],
    ['prm-bon start', () => prmBon({ start: 'x' as 'task' }), 'prm-bon: start must be "task" or "uniform", got "x"'],
    ['prm-bon rewardTask -1', () => prmBon({ rewardTask: -1 }), 'prm-bon: rewardTask must be an integer >= 0, got -1'],
    ['dprm-bon lambda -1', () => dprmBon({ lambda: -1 }), 'dprm-bon: lambda must be a positive number, got -1'],
    ['dprm-bon start', () => dprmBon({ start: 'x' as 'task' }), 'dprm-bon: start must be "task" or "uniform", got "x"'],
    ['dprm-as lambda Infinity', () => dprmAs({ lambda: Infinity }), 'dprm-as: lambda must be a positive number, got Infinity'],
    ['dprm-as lambda NaN', () => dprmAs({ lambda: NaN }), 'dprm-as: lambda must be a positive number, got NaN'],
    ['dprm-as-without-base lambda 0', () => dprmAsWithoutBase({ lambda: 0 }), 'dprm-as-without-base: lambda must be a positive number, got 0'],
  ];
  test.each(cases)('%s', (_, make, message) => {
    expect(make).toThrow(new UsageError(message));
  });

  test('a reward task beyond the TMC is refused when the selector runs', () => {
    expect(() => ormBon({ rewardTask: 2 }).distribution(paperTmc(), 0)).toThrow(
      new UsageError('rewardTask 2 is not a task of this TMC (it has 2)'),
    );
    expect(ormBon({ rewardTask: 1 }).distribution(paperTmc(), 0).length).toBeGreaterThan(0);
  });
});
