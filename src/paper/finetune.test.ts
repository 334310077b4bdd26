/**
 * Smoke test of the paper's fine-tuning procedure (one seed; the full table is `tmc paper-table
 * --finetune`, about 10 s, outside npm test).
 */
import { expect, test } from 'vitest';
import { pathProbability } from '../exact/paths.ts';
import { makeRng } from '../sampling.ts';
import { FINETUNE_NOTES, FINETUNE_ROWS, procedureSeed } from './finetune.ts';
import { pretrain } from './finetune-procedure.ts';
import { paperTmc } from './reference.ts';

test('pretraining is seeded and fits P: the easy CoT of task 1 near 50/121 = 0.41', () => {
  const tmc = paperTmc();
  const a = pretrain(tmc, makeRng('42:pretrain'));
  expect(pretrain(tmc, makeRng('42:pretrain')).logits).toEqual(a.logits);
  expect(Math.abs(pathProbability(a.probs, [0, 0, 0, 0]).toNumber() - 50 / 121)).toBeLessThan(0.15);
});

test("one seed of the procedure: REINFORCE squeezes task 1 and forgets task 2, RL-rej keeps hard mass, the sampler keeps task 2", () => {
  const rows = procedureSeed(42);
  expect(Object.keys(rows).sort()).toEqual([...FINETUNE_ROWS].sort());
  for (const cells of Object.values(rows)) {
    expect(cells[0] + cells[1] + cells[2]).toBeCloseTo(100, 9);
    expect(cells[3] + cells[4] + cells[5]).toBeCloseTo(100, 9);
  }
  expect(rows.REINFORCE[0]).toBeGreaterThan(90);
  expect(rows.REINFORCE[3]).toBeLessThan(5);
  expect(rows['RL-rej'][1]).toBeGreaterThan(10);
  expect(rows['GRPO-KL'][3]).toBeGreaterThan(40);
  for (const row of FINETUNE_ROWS) expect(FINETUNE_NOTES[row].length).toBeGreaterThan(50);
});
