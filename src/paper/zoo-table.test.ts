import { describe, expect, test } from 'vitest';
import { coverage, passAtK } from '../exact/metrics.ts';
import { ruleByName } from '../methods/index.ts';
import { reinforce } from '../methods/reinforce.ts';
import { runExact, trainContext } from '../methods/update-rule.ts';
import { withPrecision } from '../numeric.ts';
import { paperTmc } from './reference.ts';
import { passAtKCrossing, ZOO_ROWS, zooTable, zooTableText } from './zoo-table.ts';

describe('the zoo table at a small horizon', () => {
  const rows = zooTable({ steps: 20, seeds: 3, maxK: 32, methods: ['reinforce', 'rloo', 'pkpo'] });

  test('the base row is the paper\'s 0.154 hard mass; RLOO\'s exact column equals REINFORCE\'s (same dynamics)', () => {
    expect(rows.map((r) => r.method)).toStrictEqual(['base', 'reinforce', 'rloo', 'pkpo']);
    expect(rows[0].exactHard.toFixed(3)).toBe('0.154');
    expect(rows[2].exactHard).toBeCloseTo(rows[1].exactHard, 15);
    // The sampled runs differ (RLOO draws 8 CoTs a step).
    expect(rows[2].sampled.mean).not.toBe(rows[1].sampled.mean);
  });

  test('the exact column is an independent exact run; the interval brackets its mean', () => {
    const expected = withPrecision(20, () => {
      const ctx = trainContext(paperTmc(), 0);
      return coverage(runExact(reinforce(), ctx, 20), 0).hard.toNumber();
    });
    expect(rows[1].exactHard).toBeCloseTo(expected, 12);
    for (const r of rows.slice(1)) expect(r.sampled.low <= r.sampled.mean && r.sampled.mean <= r.sampled.high && r.sampled.runs === 3).toBe(true);
  });

  test('every method of ZOO_ROWS is a known rule whose theorem is registered', async () => {
    const { loadProperties } = await import('../theorems/registry.ts');
    const ids = new Set((await loadProperties()).map((t) => t.id));
    expect(ZOO_ROWS.filter((r) => !ids.has(r.theorem)).map((r) => r.theorem)).toStrictEqual([]);
    expect(ZOO_ROWS.length).toBe(12);
    expect(zooTableText(rows, 20)).toMatch(/exact hard \(t=20\)/);
  });
});

describe('the pass@K crossing K*', () => {
  test('is the least K from which pass@K stays below the base, checked against every K', () => {
    withPrecision(20, () => {
      const ctx = trainContext(paperTmc(), 0);
      const policy = runExact(reinforce(), ctx, 50);
      const below = Array.from({ length: 64 }, (_, i) => passAtK(policy, ctx.tc, i + 1).lt(passAtK(ctx.base, ctx.tc, i + 1)));
      const K = passAtKCrossing(policy, ctx.base, 64);
      expect(K).not.toBeNull();
      expect(below.slice(K! - 1).every(Boolean)).toBe(true);
      expect(K === 1 || !below[K! - 2]).toBe(true);
      // The base policy never crosses itself.
      expect(passAtKCrossing(ctx.base, ctx.base, 64)).toBeNull();
    });
  });
});

describe("the issue's float check on the paper's TMC: task 1's hard mass after 300 exact steps at eta = 1", () => {
  test.each([
    ['reinforce', {}, '0.005'],
    ['grpo', { group: 8 }, '0.002'],
    ['pkpo', { group: 8, k: 2 }, '0.082'],
    ['passk', { group: 8, k: 4 }, '0.159'],
  ] as const)('%s %j: %s', (name, params, expected) => {
    const hard = withPrecision(20, () => {
      const ctx = trainContext(paperTmc(), 0);
      return coverage(runExact(ruleByName(name, params), ctx, 300), 0).hard;
    });
    expect(hard.toFixed(3)).toBe(expected);
  });
});
