import { describe, expect, test } from 'vitest';
import { jsonDecimal } from '../cli/format.ts';
import { parseExact, sum } from '../numeric.ts';
import { paperTmc } from '../paper/reference.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { cotKind, enumeratePaths, pathProbability, validCots } from './paths.ts';

const frac = (text: string) => jsonDecimal(parseExact(text)!);

describe('paths of the reference TMC', () => {
  test('enumeratePaths lists the 8 CoTs from state 0 in lexicographic order, probabilities summing to 1', () => {
    const tmc = paperTmc();
    const paths = enumeratePaths(tmc.kernels, 0);
    expect(paths.map((o) => o.path.join(''))).toEqual(['0000', '0001', '0010', '0011', '0100', '0101', '0110', '0111']);
    expect(jsonDecimal(sum(paths.map((o) => o.p)))).toBe('1');
    expect(jsonDecimal(paths[1].p)).toBe(frac('50/121')); // 10/11 * 10/11 * 1/2, the split easy step
  });

  test('pathProbability multiplies the steps; cotKind is hard as soon as one step is hard', () => {
    const tmc = paperTmc();
    expect(jsonDecimal(pathProbability(tmc.kernels, [1, 1, 1, 1]))).toBe(frac('10/1331'));
    expect(cotKind(tmc, [0, 0, 0, 1])).toBe('easy');
    expect(cotKind(tmc, [1, 0, 0, 1])).toBe('easy');
    expect(cotKind(tmc, [0, 1, 0, 0])).toBe('hard');
    expect(cotKind(tmc, [1, 0, 1, 1])).toBe('hard');
  });

  test('zero-probability edges are not paths; validCots keeps those that end on the target', () => {
    const tmc = tmcFromSpec({ kernels: [[['1/2', '1/2']], [['1/3', '2/3'], ['1', '0']]], tasks: [{ name: 't', start: 0, target: 0 }] });
    expect(enumeratePaths(tmc.kernels, 0).map((o) => o.path.join(''))).toEqual(['000', '001', '010']);
    expect(validCots(tmc, 0).map((c) => [c.path.join(''), jsonDecimal(c.p), c.kind])).toEqual([
      ['000', frac('1/6'), 'hard'],
      ['010', frac('1/2'), 'easy'],
    ]);
  });
});
