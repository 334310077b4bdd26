/**
 * `--method FILE` from a folder outside the repository, without a package.json, as a new user runs
 * it: `import … from 'tmc-theorems'` resolves, .ts and .js load as ES modules, a GRPO written with
 * groupRule passes `--like grpo --group 8` and the same with one sign flipped fails; hostile method
 * files are usage errors (exit 2, no stack trace); a rule cannot change the TMC it is checked on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCliBatch, type CliRun } from './cli-batch.ts';

const FILES: Record<string, string> = {
  'grpo.ts': `import { groupRule } from 'tmc-theorems';
const mean = (r: readonly number[]) => r.reduce((a, b) => a + b, 0) / r.length;
export const advantage = (r: readonly number[]) => {
  const m = mean(r);
  const sd = Math.sqrt(mean(r.map((x) => (x - m) ** 2)));
  return r.map((x) => (sd === 0 ? 0 : (x - m) / sd));
};
export default groupRule({ name: 'my-grpo', group: 8, advantage });
`,
  'flipped grpo.ts': `import { groupRule } from 'tmc-theorems';
import { advantage } from './grpo.ts';
export default groupRule({ name: 'flipped', group: 8, advantage: (r) => advantage(r).map((a, i) => (i === 0 ? -a : a)) });
`,
  'doubled.js': `import { reinforce } from 'tmc-theorems';
const r = reinforce();
export default { name: 'doubled', family: 'rlvr', params: {}, exactStep: r.exactStep,
  sampledStep(p, ctx, rng) { const a = r.sampledStep(p, ctx, rng); return r.sampledStep(a, ctx, rng); } };
`,
  'throwing.mjs': `import { reinforce } from 'tmc-theorems';
export default { ...reinforce(), name: 'throwing', sampledStep() { throw 'not yet'; } };
`,
  'mutator.mjs': `import { reinforce } from 'tmc-theorems';
const r = reinforce();
export default { ...r, name: 'mutator', exactStep(p, ctx) { ctx.tmc.kernels[0][0][0] = ctx.tmc.kernels[0][0][0].plus(1); return r.exactStep(p, ctx); } };
`,
  'scaled.mjs': `import { ormBon } from 'tmc-theorems';
const s = ormBon();
export default { name: 'scaled', params: {}, distribution: (t, k) => s.distribution(t, k).map((c) => ({ ...c, prob: c.prob.times(0.9) })), sample: s.sample };
`,
  'soft-bon.mjs': `import { ormBon } from 'tmc-theorems';
export default { ...ormBon(), name: 'soft-bon', params: {} };
`,
  'my-bon.mjs': `import { ormBon } from 'tmc-theorems';
export default { ...ormBon({ n: 4 }), name: 'my-bon' };
`,
  'proxy.mjs': 'export default new Proxy({}, { get() { throw 42; } });\n',
  'throws-null.js': 'throw null;\n',
  'no-params.mjs': `import { reinforce } from 'tmc-theorems';
const { params, ...rule } = reinforce();
export default { ...rule, name: 'no-params' };
`,
};

const PAPER = fileURLToPath(new URL('../../fixtures/paper-tmc.json', import.meta.url));
let dir: string;
let runs: CliRun[];
const invocations: string[][] = [
  ['check', '--method', 'grpo.ts', '--like', 'grpo', '--group', '8', '--seed', '1'],
  ['check', '--method', 'flipped grpo.ts', '--like', 'grpo', '--group', '8', '--seed', '1'],
  ['check', '--method', 'grpo.ts', '--theorem', 'conformance', '--seed', '1'],
  ['check', '--method', 'doubled.js', '--theorem', 'conformance', '--seed', '1'],
  ['check', '--method', 'throwing.mjs', '--theorem', 'conformance', '--seed', '1'],
  ['check', '--method', 'mutator.mjs', '--theorem', 'conformance', '--seed', '1'],
  ['check', '--method', 'scaled.mjs', '--theorem', 'selector-law-sums-to-one', '--seed', '1'],
  ['check', '--method', 'soft-bon.mjs'],
  ['check', '--method', 'proxy.mjs'],
  ['check', '--method', 'throws-null.js'],
  ['check', '--method', 'no-params.mjs'],
  ['check', '--group', '8'],
  ['train', '--tmc', PAPER, '--task', '0', '--method', 'grpo.ts', '--steps', '3', '--json'],
  ['infer', '--tmc', PAPER, '--task', '0', '--method', 'my-bon.mjs', '--json'],
  ['plot', 'dynamics', '--tmc', PAPER, '--task', '0', '--methods', 'reinforce,grpo.ts', '--steps', '2', '--csv'],
  ['train', '--tmc', PAPER, '--task', '0', '--method', 'toString'],
  ['train', '--tmc', PAPER, '--task', '0', '--method', 'grpo.ts', '--eta', '1'],
  ['infer', '--tmc', PAPER, '--task', '0', '--method', 'grpo.ts'],
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tmc-method-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  runs = await runCliBatch(invocations, dir);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (i: number) => runs[i];

describe('from a folder outside the repository, without a package.json', () => {
  test('a GRPO written with groupRule passes --like grpo --group 8', () => {
    expect(run(0).stderr).toBe('');
    expect(run(0).stdout).toMatch(/like-grpo\/my-grpo .* passed/);
    expect(run(0).code).toBe(0);
  });

  test('the same with one sign flipped fails, at 0.75 = (G-2)/G of GRPO, with a replay that quotes the file', () => {
    expect(run(1).code).toBe(1);
    expect(run(1).stdout).toMatch(/exact step differs from grpo's at logit .*, ratio yours\/grpo 0\.75\n/);
    expect(run(1).stdout).toMatch(/replay: npx tmc check --theorem like-grpo\/flipped --seed 1 --path [\d:]+ --method 'flipped grpo.ts' --like grpo --group 8\n/);
  });

  test('the conformance law runs the sampled step: a right one passes, a doubled one and a throwing one fail', () => {
    expect(run(2).stdout).toMatch(/conformance\/my-grpo .* passed/);
    expect(run(3).code).toBe(1);
    expect(run(3).stdout).toMatch(/gap .* > bound/);
    expect(run(4).code).toBe(1);
    expect(run(4).stdout).toMatch(/failing numbers: throwing.sampledStep threw not yet/);
  });

  test('a rule cannot change the TMC it is checked on', () => {
    expect(run(5).code).toBe(1);
    expect(run(5).stdout).toMatch(/Cannot assign to read only property/);
  });

  test('a selector whose probabilities sum to 0.9 fails', () => {
    expect(run(6).code).toBe(1);
    expect(run(6).stdout).toMatch(/sum to 0.9, not 1/);
  });
});

test('train, infer and plot dynamics take a method file', () => {
  expect(JSON.parse(run(12).stdout)).toMatchObject({ method: 'my-grpo', params: { eta: 1, group: 8 }, steps: 3 });
  expect(JSON.parse(run(13).stdout)).toMatchObject({ method: 'my-bon' });
  expect(run(14).stdout.split('\n').filter((l) => l.startsWith('my-grpo,'))).toHaveLength(3);
});

describe('hostile or malformed method files are usage errors (exit 2, one line, no stack)', () => {
  test.each([
    [7, /soft-bon.mjs: a method named "soft-bon" must have the built-in soft-bon's parameters; params lacks n, lambda, start/],
    [8, /proxy.mjs: reading the method's "exactStep" threw: 42/],
    [9, /cannot load method file throws-null.js: null/],
    [10, /no-params.mjs: the method needs "params", an object of numbers and strings \(may be \{\}\), got undefined/],
    [11, /--group needs --like NAME/],
    [15, /unknown method "toString"/],
    [16, /--eta configures a built-in rule; grpo.ts sets its own parameters/],
    [17, /grpo.ts: expected a Selector \(with distribution\), got an UpdateRule/],
  ])('invocation %i', (i, message) => {
    expect(run(i).code).toBe(2);
    expect(run(i).stderr).toMatch(message);
    expect(run(i).stderr.trim().split('\n')).toHaveLength(1);
  });
});
