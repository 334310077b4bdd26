/**
 * The coverage table of `tmc paper-table --coverage`: all rows of the paper in its order (plus GRPO),
 * the paper's procedures reproduce its selector and base rows to within sampling noise, and the
 * clean methods give the values their definitions imply.
 */
import { beforeAll, expect, test } from 'vitest';
import { paperReported } from './reference.ts';
import { coverageTable, coverageTableJson, coverageTableText, percentCells, type CoverageRow } from './coverage-table.ts';

/** Stand-in fine-tuning rows: the real ones (src/paper/finetune.ts) take about 10 s and have their own tests. */
const pendingFinetune = (): CoverageRow[] =>
  ['REINFORCE', 'RAFT', 'PPO', 'RL-rej', 'GRPO-KL', 'GRPO'].map((row) => ({
    row,
    kind: 'fine-tuning',
    clean: { label: 'stub', cells: null },
    paper: paperReported().coveragePercent.rows[row] ?? null,
    explanation: 'stub',
  }));

let rows: CoverageRow[] = [];
beforeAll(() => {
  rows = coverageTable(pendingFinetune);
});

const row = (name: string) => rows.find((r) => r.row === name)!;

test("every row of the paper's table in its order, GRPO (ours only) after GRPO-KL", () => {
  const paper = Object.keys(paperReported().coveragePercent.rows);
  expect(rows.map((r) => r.row).filter((r) => r !== 'GRPO')).toEqual(paper);
  expect(rows.findIndex((r) => r.row === 'GRPO')).toBe(rows.findIndex((r) => r.row === 'GRPO-KL') + 1);
  expect(row('GRPO').paper).toBeNull();
});

test.each(['Base Model', 'ORM-BoN', 'Soft-BoN', 'PRM-BoN', 'DPRM-BoN', 'DPRM-AS'])(
  "%s: the paper's procedure gives the reported cells to within 1.5 points",
  (name) => {
    const r = row(name);
    const ours = percentCells(r.procedure!).map(Number);
    ours.forEach((x, i) => expect(Math.abs(x - r.paper![i]), `cell ${i}: ours ${x}, paper ${r.paper![i]}`).toBeLessThan(1.5));
  },
);

test('the clean selectors: ORM-BoN 1 - (1 - p(easy))^15, PRM/DPRM-BoN the easy CoT, DPRM-AS the tilt (13.82% hard)', () => {
  expect(percentCells(row('ORM-BoN').clean).slice(0, 3)).toEqual(['99.97', '0.03', '0.00']);
  for (const name of ['PRM-BoN', 'DPRM-BoN']) expect(percentCells(row(name).clean)).toEqual(['100.00', '0.00', '0.00', '100.00', '0.00', '0.00']);
  expect(percentCells(row('DPRM-AS').clean).slice(0, 3)).toEqual(['49.90', '13.82', '36.28']);
  expect(percentCells(row('ORM-BoN').procedure!)).toEqual(percentCells(row('Base Model').procedure!));
});

test('text and JSON carry both computations, the paper and the explanation of each row', () => {
  const text = coverageTableText(rows);
  expect(text).toContain("ours, paper's procedure: dprm-as-without-base lambda=0.5, task 1's reward");
  expect(text).toContain('- DPRM-AS: The procedure steps with probability proportional to h(x v) alone');
  const json = coverageTableJson(rows);
  const as = json.rows.find((r) => r.row === 'DPRM-AS')!;
  expect(as.paper).toEqual({ task1: { easy: 17.23, hard: 36.1, invalid: 46.67 }, task2: { easy: 12.02, hard: 38.02, invalid: 49.97 } });
  expect(as.clean).toMatchObject({ available: true, task1: { hard: expect.stringMatching(/^13\.8/) } });
});

