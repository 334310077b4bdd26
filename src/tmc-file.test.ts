/**
 * Every validation rule of the TMC file format (issue #2 item 2): each broken once, starting from the
 * paper's reference TMC, with the field, layer, row and problem the message must name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TmcFormatError } from './errors.ts';
import { withPrecision } from './numeric.ts';
import { FIXTURES_DIR } from './paper/reference.ts';
import { parseTmc, tmcFromSpec, tmcToJson } from './tmc-file.ts';

const PAPER = readFileSync(join(FIXTURES_DIR, 'paper-tmc.json'), 'utf8');

/** The reference TMC as a mutable plain object. */
function paper(): any {
  return JSON.parse(PAPER);
}

/** The error `parseTmc` raises on `text`; fails when it raises none or another kind. */
function rejection(text: string): TmcFormatError {
  try {
    parseTmc(text);
  } catch (e) {
    expect(e).toBeInstanceOf(TmcFormatError);
    return e as TmcFormatError;
  }
  throw new Error('accepted a malformed TMC');
}

interface Rule {
  /** Break the reference TMC (or return the file text). */
  readonly broken: (spec: any) => unknown;
  readonly field: string;
  readonly layer?: number;
  readonly row?: number;
  /** Fragment of the problem. */
  readonly problem: string;
}

const rules: Record<string, Rule> = {
  'empty file': { broken: () => '  \n', field: '(file)', problem: 'is empty' },
  'non-JSON': { broken: () => '{"kernels": [', field: '(file)', problem: 'is not valid JSON' },
  'not an object': { broken: () => [], field: '(top level)', problem: 'must be a JSON object' },
  'unknown top-level key': { broken: (s) => ({ ...s, kernel: [] }), field: 'kernel', problem: 'unknown top-level key' },
  'kernels missing': { broken: ({ kernels, ...s }) => s, field: 'kernels', problem: 'is missing' },
  'kernels not an array': { broken: (s) => ({ ...s, kernels: {} }), field: 'kernels', problem: 'must be an array of layers' },
  'fewer than 2 layers': { broken: (s) => ({ ...s, kernels: [] }), field: 'kernels', problem: 'at least 2 layers' },
  'empty kernel': { broken: (s) => ((s.kernels[1] = []), s), field: 'kernels[1]', layer: 1, problem: 'must be a non-empty array of rows' },
  'mismatched layer sizes': {
    broken: (s) => (s.kernels[1].push(['1', '0']), s),
    field: 'kernels[1]',
    layer: 1,
    problem: 'has 3 rows but layer 1 has 2 states',
  },
  'row not an array': { broken: (s) => ((s.kernels[2][1] = '1'), s), field: 'kernels[2][1]', layer: 2, row: 1, problem: 'must be a non-empty array of probabilities' },
  'empty row': { broken: (s) => ((s.kernels[0][0] = []), s), field: 'kernels[0][0]', layer: 0, row: 0, problem: 'must be a non-empty array of probabilities' },
  'ragged row': { broken: (s) => (s.kernels[1][1].push('0'), s), field: 'kernels[1][1]', layer: 1, row: 1, problem: 'has 3 entries but row 0 has 2 (ragged layer)' },
  'row sum != 1': { broken: (s) => ((s.kernels[2][1] = ['10/11', '2/11']), s), field: 'kernels[2][1]', layer: 2, row: 1, problem: 'entries sum to 1.09090909090909, not 1' },
  'row sum off by more than 1e-12': { broken: (s) => ((s.kernels[0][1] = ['0.5', '0.5000000000011']), s), field: 'kernels[0][1]', layer: 0, row: 1, problem: 'entries sum to 1.0000000000011, not 1' },
  'negative entry': { broken: (s) => ((s.kernels[1][0] = ['3/2', '-1/2']), s), field: 'kernels[1][0][1]', layer: 1, row: 0, problem: '"-1/2" is negative' },
  'non-numeric entry': { broken: (s) => ((s.kernels[0][0][1] = 'one'), s), field: 'kernels[0][0][1]', layer: 0, row: 0, problem: '"one" is not a number or exact fraction' },
  'NaN entry': { broken: (s) => ((s.kernels[0][0][1] = 'NaN'), s), field: 'kernels[0][0][1]', layer: 0, row: 0, problem: '"NaN" is not a number' },
  'division by zero': { broken: (s) => ((s.kernels[0][0][1] = '1/0'), s), field: 'kernels[0][0][1]', layer: 0, row: 0, problem: '"1/0" is not a number' },
  'boolean entry': { broken: (s) => ((s.kernels[0][0][1] = true), s), field: 'kernels[0][0][1]', layer: 0, row: 0, problem: 'true is not a number' },
  'huge string entry': { broken: (s) => ((s.kernels[0][0][1] = '1e400'), s), field: 'kernels[0][0]', layer: 0, row: 0, problem: 'entries sum to 1e+400, not 1' },
  'JSON number beyond float range, read from its text': {
    broken: () => PAPER.replace('"1/11"', '1e400'),
    field: 'kernels[0][0]',
    layer: 0,
    row: 0,
    problem: 'entries sum to 1e+400, not 1',
  },
  'fraction overflowing the decimal range': {
    broken: (s) => ((s.kernels[0][0][1] = '1e9000000000000000/1e-9000000000000000'), s),
    field: 'kernels[0][0][1]',
    layer: 0,
    row: 0,
    problem: 'overflows',
  },
  'literal underflowing the decimal range': {
    broken: (s) => ((s.kernels[1][1][0] = '1e-9999999999999999'), s),
    field: 'kernels[1][1][0]',
    layer: 1,
    row: 1,
    problem: 'underflows to 0',
  },
  'duplicate key': { broken: () => PAPER.replace('"tasks"', '"kernels": [], "tasks"'), field: '(file)', problem: "Duplicate key 'kernels'" },
  'easy not an array of the kernels shape': { broken: (s) => ((s.easy = s.easy.slice(1)), s), field: 'easy', problem: 'must be an array of 3 layers' },
  'easy layer with wrong rows': { broken: (s) => (s.easy[2].pop(), s), field: 'easy[2]', layer: 2, problem: 'must have 2 rows' },
  'easy row with wrong length': { broken: (s) => (s.easy[1][0].push(true), s), field: 'easy[1][0]', layer: 1, row: 0, problem: 'must have 2 booleans' },
  'easy mark not a boolean': { broken: (s) => ((s.easy[0][1][1] = 1), s), field: 'easy[0][1][1]', layer: 0, row: 1, problem: '1 is not a boolean' },
  'easy mark on a zero edge': {
    broken: (s) => ((s.kernels[1][0] = ['1', '0']), (s.easy[1][0] = [true, true]), s),
    field: 'easy[1][0][1]',
    layer: 1,
    row: 0,
    problem: 'marks a zero-probability edge easy',
  },
  'row without an easy edge': { broken: (s) => ((s.easy[2][1] = [false, false]), s), field: 'easy[2][1]', layer: 2, row: 1, problem: 'has no easy edge' },
  'tasks missing': { broken: ({ tasks, ...s }) => s, field: 'tasks', problem: 'is missing' },
  'tasks empty': { broken: (s) => ((s.tasks = []), s), field: 'tasks', problem: 'must be a non-empty array' },
  'task not an object': { broken: (s) => ((s.tasks[1] = 'task2'), s), field: 'tasks[1]', problem: 'must be an object {name, start, target}' },
  'unknown task key': { broken: (s) => ((s.tasks[0].goal = 1), s), field: 'tasks[0].goal', problem: 'unknown key (allowed: name, start, target)' },
  'task name missing': { broken: (s) => (delete s.tasks[0].name, s), field: 'tasks[0].name', problem: 'must be a non-empty string' },
  'duplicate task names': { broken: (s) => ((s.tasks[1].name = 'task1'), s), field: 'tasks[1].name', problem: 'duplicate task name "task1"' },
  'task start missing': { broken: (s) => (delete s.tasks[0].start, s), field: 'tasks[0].start', layer: 0, problem: 'is missing' },
  'task start out of range': { broken: (s) => ((s.tasks[0].start = 2), s), field: 'tasks[0].start', layer: 0, problem: '2 is not a state of layer 0 (0..1)' },
  'task start not an integer': { broken: (s) => ((s.tasks[0].start = 0.5), s), field: 'tasks[0].start', layer: 0, problem: '0.5 is not a state of layer 0' },
  'task target out of range': { broken: (s) => ((s.tasks[1].target = -1), s), field: 'tasks[1].target', layer: 3, problem: '-1 is not a state of layer 3 (0..1)' },
  'task with no valid CoT': {
    broken: (s) => ((s.kernels[2] = [['1', '0'], ['1', '0']]), (s.easy[2] = [[true, false], [true, false]]), s),
    field: 'tasks[1]',
    problem: 'task "task2" has no valid CoT: target 1 is unreachable from start 1',
  },
};

describe('tmcFromSpec / parseTmc reject each broken rule with a TmcFormatError naming field, layer, row and problem', () => {
  for (const [name, rule] of Object.entries(rules)) {
    test(name, () => {
      const broken = rule.broken(paper());
      const e = rejection(typeof broken === 'string' ? broken : JSON.stringify(broken));
      expect({ field: e.field, layer: e.layer, row: e.row }).toEqual({ field: rule.field, layer: rule.layer, row: rule.row });
      expect(e.problem).toContain(rule.problem);
      const where = [rule.layer !== undefined && `layer ${rule.layer}`, rule.row !== undefined && `row ${rule.row}`].filter(Boolean).join(', ');
      expect(e.message).toBe(`${rule.field}: ${where ? `${where}: ` : ''}${e.problem}`);
    });
  }
});

describe('valid files', () => {
  test('the reference TMC reads with exact fractions, its easy marks and tasks', () => {
    const tmc = parseTmc(PAPER);
    expect(tmc.layers).toBe(4);
    expect(tmc.widths).toEqual([2, 2, 2, 2]);
    expect(tmc.kernels[0][0][0].times(11).eq(10)).toBe(true);
    expect(tmc.easy[2][0]).toEqual([true, true]);
    expect(tmc.tasks.map((t) => t.name)).toEqual(['task1', 'task2']);
    expect(tmcToJson(tmc)).toEqual(paper());
  });

  test('without easy marks an edge is easy iff it has its row maximum; rows may sum to 1 within 1e-12', () => {
    const tmc = tmcFromSpec({
      kernels: [[[0.5, 0.5]], [['1/3', '0.6666666666666'], [1, 0]]],
      tasks: [{ name: 't', start: 0, target: 1 }],
    });
    expect(tmc.easy).toEqual([[[true, true]], [[false, true], [true, false]]]);
    expect(String(tmc)).toBe('TMC L=3 widths [1,2,2] tasks {t: 0->1}\n  layer 0: 0->{0:0.5 1:0.5}\n  layer 1: 0->{0:1/3! 1:0.6666666666666}  1->{0:1}');
  });

  test('easy marks are exact row maxima, the same at every working precision (entries equal to 37 digits)', () => {
    const close = `0.${'3'.repeat(37)}4`; // 1/3 + 6.7e-39: equal to 1/3 to 37 digits, larger
    const spec = { kernels: [[[close, '1/3', '1/3']]], tasks: [{ name: 't', start: 0, target: 0 }] };
    const marks = [20, 40, 600].map((p) => withPrecision(p, () => tmcFromSpec(structuredClone(spec)).easy[0][0]));
    expect(marks).toEqual([[true, false, false], [true, false, false], [true, false, false]]);
  });

  test('"-0" is zero, not negative; a JSON number beyond floats (1e-400) is read exactly from its text', () => {
    const tmc = parseTmc('{"kernels": [[["-0", 1e-400, "1"]]], "tasks": [{"name": "t", "start": 0, "target": 2}]}');
    expect(tmc.kernels[0][0][1].eq('1e-400')).toBe(true);
    expect(tmc.easy[0][0]).toEqual([false, false, true]);
  });
});
