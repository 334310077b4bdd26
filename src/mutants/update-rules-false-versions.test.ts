/**
 * Stronger versions of the claims that are false, each with its counterexample kept in
 * fixtures/counterexamples/: the test recomputes the numbers and asserts the stronger statement
 * fails there (while the claim as stated in properties/ holds on the same case).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { squeezing } from '../../properties/squeezing.prop.ts';
import { cotEntropy } from '../exact/metrics.ts';
import { runExact, trainContext } from '../methods/update-rule.ts';
import { reinforce } from '../methods/reinforce.ts';
import { show } from '../numeric.ts';
import { FIXTURES_DIR } from '../paper/reference.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';

function counterexample(name: string): { tmc: Tmc; quantities: string } {
  const json = JSON.parse(readFileSync(join(FIXTURES_DIR, 'counterexamples', `${name}.json`), 'utf8'));
  return { tmc: tmcFromSpec(json.tmc), quantities: json.quantities };
}

test('the CoT entropy need not fall at every step: REINFORCE first raises it (squeezing--entropy-falls-at-every-step)', () => {
  const { tmc, quantities } = counterexample('squeezing--entropy-falls-at-every-step');
  const ctx = trainContext(tmc, 0);
  const H = [cotEntropy(ctx.base, 0)];
  runExact(reinforce({ eta: 1 }), ctx, 10, ctx.base, (_, p) => H.push(cotEntropy(p, 0)));
  expect(quantities).toBe(`H(pi_t), t = 0..10: ${H.map((h) => show(h)).join(', ')}`);
  expect(H[1].gt(H[0])).toBe(true);
  expect(H[10].lt(H[6])).toBe(true);
  // The claim as stated (falls along t = 0, T, 2T, 4T) holds on the same TMC.
  expect(squeezing.make(reinforce({ eta: 1 })).property({ tmc })).not.toBe(false);
});
