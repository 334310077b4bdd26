import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runTheorem } from '../theorems/run.ts';
import { makeWitness, saveWitness } from '../theorems/witness.ts';
import { easyCots } from '../theorems/_fixtures/selftest.prop.ts';
import { explainFile } from './commands/explain.ts';

const PAPER = 'fixtures/paper-tmc.json';

describe('tmc explain', () => {
  test('a TMC as a tree of steps: exact probabilities, easy/HARD marks, each valid CoT with p and rho', () => {
    const { text } = explainFile(PAPER, { task: 'task1' });
    expect(text).toContain('task1: start 0 -> target 0, p(V) = 0.567618, 4 valid CoT(s): 1 easy, 3 hard');
    expect(text).toContain('│  ├─ 0  P=10/11 easy\n│  │  ├─ 0  P=1/2 easy  ✓ CoT 0-0-0-0 (easy) p(o)=0.413223 rho=0.727995');
    expect(text).toContain('└─ 1  P=1/11 HARD');
    expect(text).toContain('✓ CoT 0-1-0-0 (hard) p(o)=0.00413223 rho=0.00727995');
    expect(text).not.toContain('task2:');
  });

  test('a witness file: which theorem it breaks without which hypothesis, the numbers, the case', () => {
    const fixtures = mkdtempSync(join(tmpdir(), 'tmc-explain-'));
    const r = runTheorem(easyCots, { seed: 3, without: 'H-all-easy', fixtures });
    const { file } = saveWitness(makeWitness(easyCots, 'H-all-easy', r.counterexample!, { seed: 3, quantities: r.error! }), fixtures);
    const { text } = explainFile(file, {});
    expect(text).toMatch(/^witness: selftest\/easy-cots fails without H-all-easy\nfailing numbers: hard valid CoT 0-0/);
    expect(text).toContain('task = 0');
    expect(text).toContain('TMC: 2 layers x 2 states (widths 1,2)');
    expect(explainFile(file, { svg: 'x.svg' }).svg).toContain('selftest/easy-cots fails without H-all-easy');
  });

  test('DOT: one rank per layer, hard edges dashed, valid-CoT edges bold', () => {
    const { text } = explainFile(PAPER, { dot: true, task: 'task1' });
    expect(text).toMatch(/^digraph tmc \{/);
    expect(text).toContain('subgraph layer0 { rank=same; "0:0" [label="0\\nstart task1", shape=doublecircle]; "0:1" [label="1"]; }');
    expect(text).toContain('"0:0" -> "1:1" [label="1/11 (hard)", color="#c0392b", fontcolor="#c0392b", style=dashed, penwidth=2.5];');
    expect(text).toContain('"0:1" -> "1:0" [label="10/11", color="#333333", penwidth=1];');
  });

  test('SVG: a standalone document with every state, edge label and valid CoT', () => {
    const { svg } = explainFile(PAPER, { svg: 'out.svg' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(svg!.match(/<circle /g)).toHaveLength(8);
    expect(svg!.match(/<line /g)).toHaveLength(12);
    expect(svg).toContain('0-0-0-0  easy  p(o) = 0.413223  rho = 0.727995');
    expect(svg).toContain('stroke-dasharray');
  });

  test('bad input is a usage error naming the file or the option', () => {
    expect(() => explainFile(PAPER, { dot: true, svg: 'x' })).toThrow(/--dot or --svg, not both/);
    expect(() => explainFile('nowhere.json', {})).toThrow(/cannot read nowhere.json: ENOENT/);
    expect(() => explainFile('package.json', {})).toThrow(/package.json: name: unknown top-level key/);
    expect(() => explainFile(PAPER, { task: 'task9' })).toThrow(/unknown task "task9"/);
  });
});
