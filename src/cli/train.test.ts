import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { runCliBatch } from './cli-batch.ts';
import { train, trainText, type TrainOptions } from './commands/train.ts';

const PAPER = { tmc: 'fixtures/paper-tmc.json', task: 'task1' };
const run = (o: Partial<TrainOptions>) => train({ ...PAPER, method: 'reinforce', ...o } as TrainOptions);

describe('tmc train', () => {
  test('0 steps reports the base policy: the paper CoT probabilities, coverage and J (SPEC §7)', () => {
    const r = run({ steps: 0 });
    expect(r.cots.map((c) => [c.path.join(''), Number(c.prob).toFixed(6)])).toEqual([
      ['0000', '0.413223'],
      ['0010', '0.075131'],
      ['0100', '0.004132'],
      ['0110', '0.075131'],
    ]);
    // easy = p(0000) = 50/121; hard = p(V) - easy = 0.567618 - 0.413223.
    expect(Number(r.mass.easy).toFixed(6)).toBe('0.413223');
    expect(Number(r.mass.hard).toFixed(6)).toBe('0.154395');
    // J = sum p(o) rho(o) over the four CoTs (SPEC §7's columns).
    expect(Number(r.J.task1).toFixed(6)).toBe('0.320744');
    expect(Object.keys(r.J)).toEqual(['task1', 'task2']);
  });

  test('exact REINFORCE squeezes task1 onto its easy CoT and forgets task2; trajectory every K steps', () => {
    const r = run({ steps: 200, every: 100, json: true });
    expect(r).toMatchObject({ method: 'reinforce', params: { eta: 1 }, mode: 'exact', steps: 200 });
    expect(Number(r.mass.easy)).toBeGreaterThan(0.98);
    expect(Number(r.J.task2)).toBeLessThan(0.01);
    expect(r.trajectory!.map((s) => s.step)).toEqual([0, 100, 200]);
    expect(r.trajectory![2].cots).toEqual(r.cots);
    expect(trainText(r)).toMatch(/^reinforce \(eta 1\) on task1: 200 exact steps\nCoT +pi\(o\)\n/);
  });

  test('sampled runs replay from their seed', () => {
    const a = run({ method: 'grpo', steps: 20, sampled: true, seed: 7 });
    expect(run({ method: 'grpo', steps: 20, sampled: true, seed: 7 })).toEqual(a);
    expect(a).toMatchObject({ mode: 'sampled', seed: 7, params: { eta: 1, group: 8 } });
  });

  test('options a method does not read, and --sampled without --seed, are usage errors', () => {
    expect(() => run({ beta: 2 })).toThrow(new UsageError('--beta does not apply to reinforce (it reads --eta)'));
    expect(() => run({ sampled: true })).toThrow(UsageError);
    expect(() => run({ method: 'rl-rej', filter: 'both' })).toThrow('--filter must be current or base, got "both"');
    expect(() => run({ method: 'nope' })).toThrow(/^unknown method "nope"; methods: reinforce, raft, ppo, grpo, grpo-kl, rl-rej/);
  });

  test('the CLI: JSON on stdout, exit 2 with a message for bad options', async () => {
    const base = ['train', '--tmc', PAPER.tmc, '--task', 'task1'];
    const [ok, eta0, beta, n0] = await runCliBatch(
      [
        [...base, '--method', 'rl-rej', '--steps', '5', '--json'],
        [...base, '--method', 'reinforce', '--eta', '0'],
        [...base, '--method', 'grpo-kl', '--beta', '-1'],
        [...base, '--method', 'rl-rej', '--n', '0'],
      ],
      process.cwd(),
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ method: 'rl-rej', params: { eta: 1, n: 5, filter: 'current' }, steps: 5 });
    expect(ok.stderr).toBe('');
    expect([eta0.code, eta0.stderr]).toEqual([2, 'tmc: --eta must be > 0, got 0\n']);
    expect([beta.code, beta.stderr]).toEqual([2, 'tmc: --beta must be > 0, got -1\n']);
    expect([n0.code, n0.stderr]).toEqual([2, 'tmc: --n must be >= 1, got 0\n']);
  });
});
