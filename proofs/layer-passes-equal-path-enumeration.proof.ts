import fc from 'fast-check';
import { test } from 'vitest';
import { runs } from '../src/arbitraries/profile.ts';
import { exactEngine } from './laws/engine.ts';
import { layerPassesEqualPathEnumeration } from './laws/layer-passes-equal-path-enumeration.ts';

test('forward/backward passes give the d, V, Q, A, gradient and J of path enumeration, base and random policies, one or two tasks', () => {
  fc.assert(layerPassesEqualPathEnumeration(exactEngine), { numRuns: runs(100) });
});
