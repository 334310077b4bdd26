import { expect, test } from 'vitest';
import { tmcFromSpec } from '../tmc-file.ts';
import { hasLikelierRivalPrefix } from './likelier-rival-prefix.ts';

const fork = (root: [string, string]) => tmcFromSpec({ kernels: [[root], [['1', '0'], ['1/4', '3/4']]], tasks: [{ name: 'task1', start: 0, target: 0 }] });

test('a rival on the likelier root edge counts; on the lighter one it does not', () => {
  // o* = 0-0-0 in both (p 4/9 against 5/36, then 5/9 against 1/9); the rival's prefix is 5/9, then 4/9.
  expect(hasLikelierRivalPrefix(fork(['4/9', '5/9']))).toBe(true);
  expect(hasLikelierRivalPrefix(fork(['5/9', '4/9']))).toBe(false);
});
