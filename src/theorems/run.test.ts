import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { MIN_THEOREM_RUNS } from '../arbitraries/profile.ts';
import { tmcArbitrary } from '../arbitraries/tmc.ts';
import { paperTmc } from '../paper/reference.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import { easyCots, oneCot } from './_fixtures/selftest.prop.ts';
import { encodeCase } from './case-codec.ts';
import { replayCommand, runTheorem, runTheoremAsync } from './run.ts';
import type { Theorem } from './theorem.ts';

/** A fresh fixtures directory with the given regression cases for `theorem`. */
function fixturesWith(theorem: Theorem<any>, cases: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tmc-fixtures-'));
  mkdirSync(join(dir, 'regressions'));
  writeFileSync(join(dir, 'regressions', `${theorem.id.replace('/', '.')}.json`), JSON.stringify({ theorem: theorem.id, cases }));
  return dir;
}

const empty = mkdtempSync(join(tmpdir(), 'tmc-fixtures-'));
/** The smallest TMC with one valid CoT: one edge. */
const oneEdge = tmcFromSpec({ kernels: [[['1']]], tasks: [{ name: 'task1', start: 0, target: 0 }] });

describe('runTheorem', () => {
  test('a true theorem passes with its coverage shares', () => {
    const r = runTheorem(easyCots, { seed: 1, fixtures: empty });
    expect(r.status).toBe('passed');
    expect(r.runs).toBe(MIN_THEOREM_RUNS);
    expect(r.shares['several valid CoTs']).toBeGreaterThan(0);
  });

  test('a theorem runs at least MIN_THEOREM_RUNS cases by default (its own 20 raised), times TMC_RUNS', () => {
    expect(easyCots.numRuns).toBeLessThan(MIN_THEOREM_RUNS);
    vi.stubEnv('TMC_RUNS', '2');
    try {
      expect(runTheorem(easyCots, { seed: 1, fixtures: empty }).runs).toBe(2 * MIN_THEOREM_RUNS);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(runTheorem({ ...easyCots, numRuns: 150 }, { seed: 1, fixtures: empty }).runs).toBe(150);
  });

  test('a false theorem fails and shrinks to 3 layers of widths 1,2,1; its path replays the counterexample', () => {
    const r = runTheorem(oneCot, { seed: 42, fixtures: empty });
    expect(r.status).toBe('failed');
    expect(r.counterexample?.tmc.widths).toEqual([1, 2, 1]);
    expect(r.error).toBe('|V_1| = 2');
    const again = runTheorem(oneCot, { seed: 42, path: r.path, fixtures: empty });
    expect(again.counterexample?.tmc.spec).toEqual(r.counterexample?.tmc.spec);
    expect(replayCommand(r)).toBe(`npx tmc check --theorem selftest/one-cot --seed 42 --path ${r.path}`);
  });

  test('saved regression cases run first; a failing one is reported as a saved case without a path', () => {
    const saved = { ...encodeCase(oneCot, { tmc: paperTmc(), task: 0 }) };
    const r = runTheorem(oneCot, { seed: 5, fixtures: fixturesWith(oneCot, [saved]) });
    expect(r.savedCase).toBe(true);
    expect(r.path).toBeUndefined();
    expect(r.counterexample?.tmc.spec).toEqual(paperTmc().spec);
  });

  test('a reported path counts generated cases only, so it replays without the saved cases', () => {
    const passing = encodeCase(oneCot, { tmc: oneEdge, task: 0 });
    const fixtures = fixturesWith(oneCot, [passing, passing]);
    const r = runTheorem(oneCot, { seed: 42, fixtures });
    expect(r.savedCase).toBeUndefined();
    const direct = runTheorem(oneCot, { seed: 42, fixtures: empty });
    expect(r.path).toBe(direct.path);
    expect(runTheorem(oneCot, { seed: 42, path: r.path, fixtures }).counterexample?.tmc.spec).toEqual(r.counterexample?.tmc.spec);
  });

  test('a saved regression case that breaks a hypothesis is an error naming its file', () => {
    const fixtures = fixturesWith(easyCots, [encodeCase(easyCots, { tmc: paperTmc(), task: 0 })]);
    expect(() => runTheorem(easyCots, { seed: 1, fixtures })).toThrow(/selftest\.easy-cots\.json case 0: breaks hypothesis H-all-easy, H-tree/);
  });

  test('without a hypothesis: only cases breaking it alone are judged, and their share is reported', () => {
    const r = runTheorem(easyCots, { seed: 3, without: 'H-tree', fixtures: empty });
    expect(r.status).toBe('passed');
    expect(r.withoutShare).toBeGreaterThan(0);
    const n = runTheorem(easyCots, { seed: 3, without: 'H-all-easy', fixtures: empty });
    expect(n.status).toBe('failed');
    expect(n.counterexample?.tmc.widths).toEqual([1, 2]);
    expect(replayCommand(n)).toMatch(/^npx tmc necessity --theorem selftest\/easy-cots --hypothesis H-all-easy --seed 3/);
    expect(() => runTheorem(easyCots, { without: 'H-nope' })).toThrow(/no hypothesis H-nope/);
  });

  test('a theorem whose interesting class is too rare fails as "checked too little"', () => {
    const rare: Theorem<any> = { ...easyCots, id: 'selftest/rare', minShares: { 'several valid CoTs': 0.99 } };
    const r = runTheorem(rare, { seed: 1, fixtures: empty });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/checked too little: "several valid CoTs" in \d+% of runs \(needs 99%\)/);
  });

  test('a counterexample outside the hypotheses is flagged as a generator bug', () => {
    const leaky: Theorem<any> = { ...easyCots, id: 'selftest/leaky', arbitrary: () => tmcArbitrary({ maxLayers: 2, hardValid: true }).map((tmc) => ({ tmc, task: 0 })) };
    const r = runTheorem(leaky, { seed: 1, fixtures: empty });
    expect(r.error).toMatch(/the counterexample breaks H-all-easy: the theorem's arbitrary should not draw it/);
  });

  test('the async runner gives the same verdict, and stops at once when aborted', async () => {
    const sync = runTheorem(oneCot, { seed: 42, fixtures: empty });
    const async = await runTheoremAsync(oneCot, { seed: 42, fixtures: empty });
    expect(async.path).toBe(sync.path);
    const controller = new AbortController();
    controller.abort();
    const stopped = await runTheoremAsync(easyCots, { seed: 1, fixtures: empty, signal: controller.signal });
    expect(stopped).toMatchObject({ status: 'passed', interrupted: true, runs: 0 });
  });
});
