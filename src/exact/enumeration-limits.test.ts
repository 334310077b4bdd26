/**
 * The engine's enumeration limits at their boundaries: `MAX_ENUMERATED_PATHS` CoTs are listed and one
 * more fails with its message; a task with `MAX_ENUMERATED_INSTANCE_COTS` valid CoTs has all its `2^16`
 * instances and one more CoT fails; the instance quantities take `MAX_INSTANCE_COTS` valid CoTs and
 * refuse one more.
 */
import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { D, ONE, ZERO, sum } from '../numeric.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { taskCots } from './correctness.ts';
import { MAX_INSTANCE_COTS, bernsteinInstanceMean } from './instance-moments.ts';
import { MAX_ENUMERATED_INSTANCE_COTS, instances } from './instances.ts';
import { MAX_ENUMERATED_PATHS, enumeratePaths } from './paths.ts';
import { forwardPass } from './values.ts';

/**
 * Layer 1 onwards: `w` states fully connected to the next layer's `w`, plus a dead-end state that
 * only continues to the next dead end. From the start (width 1): `prod w` paths plus one.
 */
function branchingTmc(ws: readonly number[]) {
  const widths = [1, ...ws.map((w) => w + 1)];
  const kernels = widths.slice(0, -1).map((from, l) => {
    const to = widths[l + 1];
    return Array.from({ length: from }, (_, u) =>
      Array.from({ length: to }, (_, v) => {
        if (l === 0) return `1/${to}`;
        if (u === from - 1) return v === to - 1 ? '1' : '0';
        return v === to - 1 ? '0' : `1/${to - 1}`;
      }),
    );
  });
  return tmcFromSpec({ kernels, tasks: [{ name: 't', start: 0, target: 0 }] });
}

describe('enumeration limits', () => {
  test(`${MAX_ENUMERATED_PATHS} + 1 paths fail: "more than ${MAX_ENUMERATED_PATHS} CoTs to enumerate"`, () => {
    const tmc = branchingTmc([2, 2, 2, 2, 2, 2, 5, 5, 5, 5, 5]); // 2^6 5^5 + 1 paths
    const count = forwardPass(tmc, 0, (l, u, v) => (tmc.kernels[l][u][v].gt(0) ? ONE : ZERO));
    expect(sum(count[tmc.layers - 1]).toNumber()).toBe(MAX_ENUMERATED_PATHS + 1);
    expect(() => enumeratePaths(tmc.kernels, 0)).toThrow(
      new UsageError(`more than ${MAX_ENUMERATED_PATHS} CoTs to enumerate; use a smaller TMC`),
    );
  });

  test(`a task with ${MAX_ENUMERATED_INSTANCE_COTS} valid CoTs has 2^${MAX_ENUMERATED_INSTANCE_COTS} instances; with ${MAX_ENUMERATED_INSTANCE_COTS + 1}, a clear error`, () => {
    const quarter = Array(4).fill('1/4');
    // Start 0 -> 4 states -> 4 states -> target 0: 16 valid CoTs.
    const sixteen = tmcFromSpec({ kernels: [[quarter], Array(4).fill(quarter), Array(4).fill(['1', '0'])], tasks: [{ name: 't', start: 0, target: 0 }] });
    const all = instances(taskCots(sixteen, 0));
    expect(all.length).toBe(2 ** MAX_ENUMERATED_INSTANCE_COTS);
    expect(sum(all.map((q) => q.prob)).minus(1).abs().lt(new D('1e-30'))).toBe(true);
    const seventeen = tmcFromSpec({ kernels: [[Array(17).fill('1/17')], Array(17).fill(['1'])], tasks: [{ name: 't', start: 0, target: 0 }] });
    expect(() => instances(taskCots(seventeen, 0))).toThrow(
      new UsageError(`task t has ${MAX_ENUMERATED_INSTANCE_COTS + 1} valid CoTs; exact instance enumeration allows at most ${MAX_ENUMERATED_INSTANCE_COTS}`),
    );
  });
  test(`instance quantities take ${MAX_INSTANCE_COTS} valid CoTs (E[c] = sum pi rho); ${MAX_INSTANCE_COTS + 1}, a clear error`, () => {
    const star = (n: number) => tmcFromSpec({ kernels: [[Array(n).fill(`1/${n}`)], Array(n).fill(['1'])], tasks: [{ name: 't', start: 0, target: 0 }] });
    const tc = taskCots(star(MAX_INSTANCE_COTS), 0);
    // pi = rho = 1/N for each CoT: E[c_Q] = B with beta = (0, 1) of degree 1 = N (1/N)(1/N) = 1/N.
    const pi = tc.cots.map((c) => c.p);
    expect(bernsteinInstanceMean(tc, pi, [ZERO, ONE]).minus(ONE.div(MAX_INSTANCE_COTS)).abs().lt(new D('1e-35'))).toBe(true);
    const over = taskCots(star(MAX_INSTANCE_COTS + 1), 0);
    expect(() => bernsteinInstanceMean(over, over.cots.map((c) => c.p), [ZERO, ONE])).toThrow(
      new UsageError(`task t has ${MAX_INSTANCE_COTS + 1} valid CoTs; exact instance quantities allow at most ${MAX_INSTANCE_COTS}`),
    );
  });
});
