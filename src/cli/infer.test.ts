/**
 * `tmc infer`: the JSON shape of the issue, the exact numbers on the paper's TMC, pass@K, the sampled
 * frequencies, and usage errors (exit 2, message only). One child process runs the command lines.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { D, ONE, sum } from '../numeric.ts';
import { runCliBatch, type CliRun } from './cli-batch.ts';
import { infer } from './commands/infer.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PAPER = 'fixtures/paper-tmc.json';

describe('tmc infer (library)', () => {
  test('ORM-BoN on task 1: 1 - (1 - p(easy))^N on the easy CoT, tied hard CoTs equal, masses sum to 1', () => {
    const r = infer({ tmc: PAPER, task: 'task1', method: 'orm-bon', n: 8 });
    const easy = r.cots.find((c) => c.path.join() === '0,0,0,0')!;
    const pEasy = new D(100).div(121).div(2);
    // JSON carries 30 significant digits.
    expect(easy.prob).toBe(ONE.minus(ONE.minus(pEasy).pow(8)).toSignificantDigits(30).toString());
    expect(r.cots.find((c) => c.path.join() === '0,0,1,0')!.prob).toBe(r.cots.find((c) => c.path.join() === '0,1,1,0')!.prob);
    expect(r.cots).toHaveLength(8);
    expect(sum(Object.values(r.mass).map((x) => new D(x))).minus(ONE).abs().lt('1e-28')).toBe(true);
  });

  test('PRM-BoN and DPRM-BoN return the easy CoT; DPRM-AS keeps 13.8% hard mass at lambda = 1/2', () => {
    for (const method of ['prm-bon', 'dprm-bon']) {
      expect(infer({ tmc: PAPER, task: 'task2', method }).cots).toEqual([{ path: [1, 0, 0, 1], prob: '1', kind: 'easy' }]);
    }
    const as = infer({ tmc: PAPER, task: 'task1', method: 'dprm-as', lambda: 0.5 });
    expect(new D(as.mass.hard).toFixed(3)).toBe('0.138');
  });

  test('--start uniform: draws from both starts, other-task CoTs count as invalid', () => {
    const r = infer({ tmc: PAPER, task: 'task1', method: 'soft-bon', n: 4, start: 'uniform' });
    expect(r.cots).toHaveLength(16);
    expect(r.params).toEqual({ n: 4, lambda: 1, start: 'uniform' });
  });

  test('--k gives the exact pass@K; with N = 1 ORM-BoN is the base, whose pass@1 is sum rho^2', () => {
    const r = infer({ tmc: PAPER, task: 'task1', method: 'orm-bon', n: 1, k: 1 });
    // E_Q[P(C_Q)] = sum_o p(o) rho(o) = sum rho^2 p(V).
    const rho = ['0.727995', '0.132363', '0.007280', '0.132363'].map((x) => new D(x));
    const pV = new D('0.567618');
    expect(new D(r.passAtK!).minus(sum(rho.map((x) => x.pow(2))).times(pV)).abs().lt('1e-5')).toBe(true);
    expect(r.K).toBe(1);
  });

  test('--sampled: seeded frequencies beside the exact probabilities, replayable', () => {
    const a = infer({ tmc: PAPER, task: 'task1', method: 'soft-bon', sampled: true, seed: 5, runs: 200 });
    const b = infer({ tmc: PAPER, task: 'task1', method: 'soft-bon', sampled: true, seed: 5, runs: 200 });
    expect(a.cots.map((c) => c.sampled)).toEqual(b.cots.map((c) => c.sampled));
    expect(a.sampled).toEqual({ seed: 5, runs: 200 });
    expect(sum(a.cots.map((c) => new D(c.sampled!))).toNumber()).toBeCloseTo(1, 10);
  });
});

describe('tmc infer (command line)', () => {
  let runs: CliRun[] = [];
  const lines = [
    ['infer', '--tmc', PAPER, '--task', 'task1', '--method', 'orm-bon', '--json', '--k', '30'],
    ['infer', '--tmc', PAPER, '--task', '1', '--method', 'dprm-as', '--lambda', '0.5'],
    ['infer', '--tmc', PAPER, '--task', 'task1', '--method', 'best-of-all'],
    ['infer', '--tmc', PAPER, '--task', 'task1', '--method', 'soft-bon', '--lambda', '0'],
    ['infer', '--tmc', PAPER, '--task', 'task1', '--method', 'orm-bon', '--n', '2.5'],
    ['infer', '--tmc', PAPER, '--task', 'task1', '--method', 'orm-bon', '--start', 'middle'],
    ['infer', '--tmc', PAPER, '--task', 'task1', '--method', 'orm-bon', '--seed', '3'],
    ['infer', '--tmc', PAPER, '--task', 'task9', '--method', 'orm-bon'],
  ];
  beforeAll(async () => {
    runs = await runCliBatch(lines, ROOT);
  }, 60_000);

  test('--json prints {method, cots: [{path, prob}], mass: {easy, hard, invalid}, passAtK}', () => {
    expect(runs[0].code).toBe(0);
    const json = JSON.parse(runs[0].stdout);
    expect(json.method).toBe('orm-bon');
    expect(json.cots[0]).toMatchObject({ path: [0, 0, 0, 0], prob: expect.stringMatching(/^0\.98594/) });
    expect(Object.keys(json.mass)).toEqual(['easy', 'hard', 'invalid']);
    expect(json.passAtK).toMatch(/^0\.\d+$/);
  });

  test('text: the CoTs table and the masses', () => {
    expect(runs[1].code).toBe(0);
    expect(runs[1].stdout).toContain('dprm-as (lambda=0.5, start=task) on task task2: 8 CoT(s) it can return');
    expect(runs[1].stdout).toMatch(/1 0 0 1 +easy +0\.\d+/);
    expect(runs[1].stdout).toMatch(/^mass: easy 0\.\d+, hard 0\.\d+, invalid 0\.\d+$/m);
  });

  test.each([
    [2, 'unknown method', '--method must be one of orm-bon, soft-bon, prm-bon, dprm-bon, dprm-as'],
    [3, 'lambda 0', '--lambda must be > 0, got 0'],
    [4, 'n not an integer', '--n must be an integer, got "2.5"'],
    [5, 'bad start', '--start must be task or uniform, got "middle"'],
    [6, '--seed without --sampled', '--seed needs --sampled'],
    [7, 'unknown task', 'unknown task "task9"'],
  ])('usage error (%s: %s): exit 2, message only', (i, _, message) => {
    expect(runs[i].code).toBe(2);
    expect(runs[i].stderr).toContain(message);
    expect(runs[i].stderr).not.toMatch(/^ {4}at /m);
  });
});
