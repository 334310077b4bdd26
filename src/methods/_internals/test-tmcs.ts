/** Tiny TMCs shared by the update rules' unit tests. */
import { tmcFromSpec } from '../../tmc-file.ts';

/** One fork `0 -> {0, 1}` with probabilities 1/2, task 0 -> 0: one valid CoT, `rho = 1`. */
export const fork = tmcFromSpec({ kernels: [[['1/2', '1/2']]], tasks: [{ name: 't', start: 0, target: 0 }] });

/** Three branches then two answers: valid CoTs 0-0-0 (p 1/6), 0-1-0 (p 1/12), 0-2-0 (p 1/3), invalid ones. */
export const threeWay = tmcFromSpec({
  kernels: [[['1/3', '1/3', '1/3']], [['1/2', '1/2'], ['1/4', '3/4'], ['1', '0']]],
  tasks: [{ name: 't', start: 0, target: 0 }],
});
