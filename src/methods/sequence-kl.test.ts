import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { casePolicy, policyCases } from '../../proofs/laws/cases.ts';
import { enumeratePaths, pathProbability } from '../exact/paths.ts';
import { D, ONE, ZERO, sum, withPrecision } from '../numeric.ts';
import { basePolicy, stepLogits, zerosLike } from '../policy.ts';
import { sequenceKl } from './sequence-kl.ts';

describe('sequence-level KL', () => {
  test('KL equals the sum over CoTs and its gradient a central difference (80 digits)', () => {
    fc.assert(
      fc.property(policyCases(), (c) =>
        withPrecision(80, () => {
          const pi = casePolicy(c);
          const base = basePolicy(c.tmc);
          const start = c.tmc.tasks[0].start;
          const byPaths = (p: typeof pi) =>
            sum(enumeratePaths(p.probs, start).map(({ path, p: x }) => x.times(x.div(pathProbability(base.probs, path)).ln())));
          const { kl, grad } = sequenceKl(pi, base, start);
          expect(kl.minus(byPaths(pi)).abs().lt('1e-60')).toBe(true);
          const h = new D('1e-25');
          pi.logits.forEach((k, l) =>
            k.forEach((row, u) =>
              row.forEach((x, v) => {
                if (x === null) return;
                const e = zerosLike(c.tmc);
                e[l][u][v] = ONE;
                const fd = byPaths(stepLogits(pi, e, h)).minus(byPaths(stepLogits(pi, e, h.neg()))).div(h.times(2));
                expect(grad[l][u][v].minus(fd).abs().lt('1e-35')).toBe(true);
              }),
            ),
          );
          if (c.logits === null) expect(kl.eq(ZERO)).toBe(true);
        }),
      ),
      { numRuns: 15 },
    );
  });
});
