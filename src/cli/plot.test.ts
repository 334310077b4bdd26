import { describe, expect, test } from 'vitest';
import { plotDynamics } from './commands/plot.ts';

describe('tmc plot dynamics', () => {
  test('CSV: one row per method and step, exact digits; hard mass falls and task2 is forgotten under REINFORCE', async () => {
    const { csv, svg } = await plotDynamics({ tmc: 'fixtures/paper-tmc.json', task: 'task1', methods: 'reinforce', steps: 5, csv: true });
    expect(svg).toBeUndefined();
    const lines = csv!.trim().split('\n');
    expect(lines[0]).toBe('method,step,task1_easy_mass,task1_hard_mass,task2_valid_mass');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe('reinforce,0,0.413223140495867768595041322314,0.154395191585274229902329075883,0.432381667918858001502629601803');
    const col = (i: number) => lines.slice(1).map((l) => Number(l.split(',')[i]));
    expect(col(3)[5]).toBeLessThan(col(3)[0]);
    expect(col(4)[5]).toBeLessThan(col(4)[0]);
  });

  test('SVG: a standalone vega drawing with a panel per series and a line per method', async () => {
    const { svg } = await plotDynamics({ tmc: 'fixtures/paper-tmc.json', task: 'task1', methods: 'reinforce,grpo-kl', steps: 3, out: 'x.svg' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('hard-CoT mass of task1');
    expect(svg).toContain('valid mass of task2');
    expect(svg).toContain('reinforce');
    expect(svg).toContain('grpo-kl');
  });

  test('bad usage: unknown method, nothing to write', async () => {
    await expect(plotDynamics({ tmc: 'fixtures/paper-tmc.json', task: 'task1', methods: 'reinforce,nope', csv: true })).rejects.toThrow(/unknown method "nope"/);
    await expect(plotDynamics({ tmc: 'fixtures/paper-tmc.json', task: 'task1', methods: 'reinforce' })).rejects.toThrow(/give --out FILE.svg, --csv, or both/);
  });
});
