/**
 * # Exact values agree to 35 digits between precision 40 and 80
 *
 * Main statement: every exact quantity of a task — `p(o)`, `rho_k(o)`, `d`, `V`, `Q`, `A`, the
 * policy gradient, `J`, coverage, CoT entropy and pass@2 — computed at 40 significant digits agrees
 * with the same quantity at 80 digits to 35 digits: `|x_40 - x_80| <= 1e-35 max(1, |x_80|)`.
 * So the default precision loses no printed digit (JSON prints 30).
 *
 * Implementation notes: the TMC is re-read from its exact spec and the policy rebuilt at each
 * precision, so the 80-digit run starts from 80-digit kernels. The scale `max(1, |x|)` measures
 * digits after the point for quantities at most 1 (all but the entropy): a difference of values near
 * each other (`A = Q - V`) legitimately keeps absolute, not relative, accuracy.
 */
import fc from 'fast-check';
import { MAX_INSTANCE_COTS } from '../../src/exact/instance-moments.ts';
import { D, withPrecision, type Dec } from '../../src/numeric.ts';
import { tmcFromSpec } from '../../src/tmc-file.ts';
import { casePolicy, expectAllClose, policyCases, type Nested, type PolicyCase } from './cases.ts';
import type { ExactEngine } from './engine.ts';

const LOW = 40;
const HIGH = 80;
const AGREE = new D('1e-35');

/** Every quantity of the case's tasks, computed at `digits` significant digits. */
function quantities(engine: ExactEngine, c: PolicyCase, digits: number): Record<string, Nested> {
  return withPrecision(digits, () => {
    const tmc = tmcFromSpec(c.tmc.spec);
    const policy = casePolicy({ ...c, tmc });
    const out: Record<string, Nested> = {};
    tmc.tasks.forEach((task, k) => {
      const tc = engine.taskCots(tmc, k);
      const v = engine.taskValues(policy, k);
      const cov = engine.coverage(policy, k);
      Object.assign(out, {
        [`task ${k} p`]: tc.cots.map((o) => o.p),
        [`task ${k} rho`]: tc.cots.map((o) => o.rho),
        [`task ${k} d`]: v.d,
        [`task ${k} V`]: v.V,
        [`task ${k} Q`]: v.Q,
        [`task ${k} A`]: v.A,
        [`task ${k} grad`]: v.grad,
        [`task ${k} J`]: v.J,
        [`task ${k} coverage`]: [cov.easy, cov.hard, cov.invalid],
        [`task ${k} entropy`]: engine.cotEntropy(policy, task.start),
      });
      // Exact instance quantities stop at MAX_INSTANCE_COTS valid CoTs.
      if (tc.cots.length <= MAX_INSTANCE_COTS) out[`task ${k} pass@2`] = engine.passAtK(policy, tc, 2);
    });
    return out;
  });
}

function agree(low: Dec, high: Dec): boolean {
  return low.minus(high).abs().lte(AGREE.times(D.max(1, high.abs())));
}

export function valuesAgreeAcrossPrecision(engine: ExactEngine): fc.IProperty<[PolicyCase]> {
  return fc.property(policyCases(), (c) => {
    const low = quantities(engine, c, LOW);
    const high = quantities(engine, c, HIGH);
    for (const key of Object.keys(high)) expectAllClose(`${key} at ${LOW} vs ${HIGH} digits`, low[key], high[key], agree);
  });
}
