/** A hostile task name (escape codes, quotes, markup, commas, newlines) reaches no output raw. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCliBatch, type CliRun } from './cli-batch.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tmc-names-'));
const NAME = 'x"]; evil [label="\u001b[2J<b>&</b>,a\nb';
const file = join(dir, 'hostile.json');
const svg = join(dir, 'out.svg');
writeFileSync(file, JSON.stringify({ kernels: [[['1/2', '1/2'], ['1/2', '1/2']]], tasks: [{ name: NAME, start: 0, target: 1 }] }));

describe('untrusted task names are escaped for each target', () => {
  let runs: CliRun[] = [];
  beforeAll(async () => {
    runs = await runCliBatch(
      [['inspect', file], ['explain', file], ['explain', file, '--dot'], ['explain', file, '--svg', svg], ['infer', '--tmc', file, '--task', '0', '--method', 'orm-bon'], ['plot', 'dynamics', '--tmc', file, '--task', '0', '--methods', 'reinforce', '--steps', '2', '--csv']],
      ROOT,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('terminal text: no escape character', () => {
    for (const run of [runs[0], runs[1], runs[4]]) {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('\u001b');
      expect(run.stdout).toContain('\\x1b[2J');
    }
  });

  test('DOT: the name adds no node or attribute (every quote inside a label is escaped)', () => {
    const dot = runs[2].stdout;
    expect(dot).not.toContain('evil [label="');
    const labels = dot.replace(/\\./g, '').match(/"/g) ?? [];
    expect(labels.length % 2).toBe(0);
    expect(dot).toContain('x\\"]; evil [label=\\"');
  });

  test('CSV (RFC 4180): the name is one quoted field, so rows keep their columns', () => {
    const csv = runs[5].stdout;
    expect(runs[5].code).toBe(0);
    expect(csv.startsWith(`method,step,"${NAME.replace(/"/g, '""')}_easy_mass",`)).toBe(true);
  });

  test('SVG: markup characters are entities, no control character', () => {
    expect(runs[3].code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).not.toContain('<b>');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(text).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
  });
});
