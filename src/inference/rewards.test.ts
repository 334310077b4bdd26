import { describe, expect, test } from 'vitest';
import { jsonDecimal } from '../cli/format.ts';
import { parseExact, withPrecision } from '../numeric.ts';
import { paperTmc } from '../paper/reference.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { populationRewards, taskRewards } from './rewards.ts';

const frac = (text: string) => jsonDecimal(parseExact(text)!);

describe('population rewards', () => {
  test('R_out tells CoTs apart whose states print alike without a separator (0 1 11 vs 0 11 1)', () => {
    const uniform = Array(12).fill('1/12');
    const wide = tmcFromSpec({ kernels: [[uniform], Array(12).fill(uniform)], tasks: [{ name: 't', start: 0, target: 1 }] });
    const r = taskRewards(wide, 0);
    expect(jsonDecimal(r.rOut([0, 11, 1]))).toBe(frac('1/12'));
    expect(r.rOut([0, 1, 11]).isZero()).toBe(true);
    // h of the full CoT is exp(lambda R_out): 1 off target.
    expect(r.h([0, 1, 11], parseExact('1')!).toString()).toBe('1');
  });

  test('values are recomputed at a higher working precision (rho = 1100/1511 to 80 digits)', () => {
    const tmc = paperTmc();
    expect(taskRewards(tmc, 0).rOut([0, 0, 0, 0]).sd()).toBeLessThanOrEqual(40);
    expect(withPrecision(80, () => taskRewards(tmc, 0).rOut([0, 0, 0, 0]).sd())).toBeGreaterThan(75);
  });

  test('populationRewards is the reward model of SPEC §2: R_out and R_prm of taskRewards', () => {
    const tmc = paperTmc();
    expect(populationRewards.name).toBe('population');
    expect(jsonDecimal(populationRewards.rOut(tmc, 1)([1, 0, 0, 1]))).toBe(frac('1100/1151'));
    // R_prm(s_k) = sum_o p(o) rho(o) = sum p^2 / Z = 1290121/4022282: the reward before any step.
    expect(jsonDecimal(populationRewards.rPrm(tmc, 0)([0]))).toBe(frac('1290121/4022282'));
    expect(populationRewards.rPrm(tmc, 0)([1]).isZero()).toBe(true);
  });
});
