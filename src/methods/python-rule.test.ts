import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { D, type Dec } from '../numeric.ts';
import { policyFromLogits, type Policy } from '../policy.ts';
import { makeRng } from '../sampling.ts';
import { threeWay } from './_internals/test-tmcs.ts';
import { groupRule } from './group-rule.ts';
import { grpo } from './grpo.ts';
import { loadPythonRule } from './python-rule.ts';
import { trainContext, type UpdateRule } from './update-rule.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'fixtures', 'python');
const fixture = (name: string) => join(FIXTURES, name);

const logits = threeWay.kernels.map((k, l) => k.map((row, u) => row.map((p, v) => (p.gt(0) ? new D((l + 2 * u + 3 * v) % 5).div(4) : null))));
const policy = policyFromLogits(threeWay, logits);
const ctx = trainContext(threeWay, 0);

/** `next.logits - p.logits` on the support, flattened. */
function increment(next: Policy, p: Policy = policy): Dec[] {
  return p.logits.flatMap((k, l) => k.flatMap((row, u) => row.flatMap((x, v) => (x === null ? [] : [next.logits[l][u][v]!.minus(x)]))));
}

/** `a` and `b` agree to `rel` times the largest entry of `b` (which must not be all zero). */
function expectClose(a: Dec[], b: Dec[], rel: number): void {
  const scale = b.reduce((m, x) => (x.abs().gt(m) ? x.abs() : m), new D(0));
  expect(scale.gt(0)).toBe(true);
  a.forEach((x, i) => expect(x.minus(b[i]).abs().div(scale).toNumber()).toBeLessThan(rel));
}

/** GRPO's advantage in JavaScript doubles, the same operations as fixtures/python/grpo.py. */
function grpoFloats(r: readonly number[]): number[] {
  const g = r.length;
  const mean = r.reduce((a, b) => a + b, 0) / g;
  const std = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / g);
  return std === 0 ? r.map(() => 0) : r.map((x) => (x - mean) / std);
}
const flippedFloats = (r: readonly number[]) => grpoFloats(r).map((a, i) => (i === 0 ? -a : a));

/** Is a runner serving `file` still running? (Every runner has its file on its command line.) */
function runnerAlive(file: string): boolean {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').some((l) => l.includes('tmc_runner.py') && l.includes(file));
}

async function runnerGone(file: string, withinMs: number): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    if (!runnerAlive(file)) return true;
  }
  return !runnerAlive(file);
}

/** A copy of a fixture at a path of its own, so its runner can be told apart from other tests'. */
function privateCopy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tmc-python-'));
  copyFileSync(fixture('grpo.py'), join(dir, 'grpo.py')); // what the GRPO fixtures import
  copyFileSync(fixture(name), join(dir, basename(name)));
  return join(dir, basename(name));
}

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function tmc(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['src/cli/tmc.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (e, stdout, stderr) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

test("the runner's own unit tests pass (python/test_tmc_runner.py)", () => {
  const run = spawnSync('python3', ['-m', 'unittest', 'test_tmc_runner'], {
    cwd: join(ROOT, 'python'),
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
  });
  expect(run.stderr).toMatch(/^Ran \d+ tests/m);
  expect(run.stderr).toMatch(/^OK$/m);
  expect(run.status).toBe(0);
});

describe('a Python group rule has the exact step of the same advantage in TypeScript', () => {
  test('GRPO in Python: the exact and sampled steps of groupRule of the same float formula, to the digit; GRPO\'s within 1e-12', async () => {
    const pyRule = await loadPythonRule(fixture('grpo.py'));
    const tsRule = groupRule({ name: 'ts', group: 8, advantage: grpoFloats });
    const py = pyRule.exactStep(policy, ctx);
    expect(increment(py).map(String)).toEqual(increment(tsRule.exactStep(policy, ctx)).map(String));
    expectClose(increment(py), increment(grpo({ group: 8 }).exactStep(policy, ctx)), 1e-12);
    // Without a Python step the sampled step is groupRule's on the same table: the same at any seed.
    for (const seed of [1, 2, 3]) {
      const [a, b] = [pyRule, tsRule].map((rule) => increment(rule.sampledStep(policy, ctx, makeRng(seed))).map(String));
      expect(a).toEqual(b);
    }
  });

  test('GRPO with one sign flipped in Python: the TypeScript flipped step to the digit, (G - 2)/G of GRPO, not GRPO', async () => {
    const py = increment((await loadPythonRule(fixture('grpo_sign_flipped.py'))).exactStep(policy, ctx));
    const ts = increment(groupRule({ name: 'ts', group: 8, advantage: flippedFloats }).exactStep(policy, ctx));
    expect(py.map(String)).toEqual(ts.map(String));
    const full = increment(grpo({ group: 8 }).exactStep(policy, ctx));
    expectClose(py, full.map((x) => x.times(6).div(8)), 1e-12);
    expect(Math.max(...py.map((x, i) => x.minus(full[i]).abs().toNumber()))).toBeGreaterThan(1e-3);
  });

  test('Fractions come through at the working precision: RLOO in Python equals RLOO in decimals to 1e-35', async () => {
    const rloo = (r: readonly number[]) => r.map((x) => new D(x).minus(new D(r.reduce((a, b) => a + b, 0) - x).div(r.length - 1)));
    const py = increment((await loadPythonRule(fixture('rloo_fractions.py'))).exactStep(policy, ctx));
    expectClose(py, increment(groupRule({ name: 'ts', group: 6, advantage: rloo }).exactStep(policy, ctx)), 1e-35);
  });

  test('past the 2^16 table (G = 20) the rule asks Python as it goes and still equals GRPO', async () => {
    const rule = await loadPythonRule(fixture('grpo_group20.py'));
    expectClose(increment(rule.exactStep(policy, ctx)), increment(grpo({ group: 20 }).exactStep(policy, ctx)), 1e-12);
    expect(() => rule.sampledStep(policy, ctx, makeRng(1))).not.toThrow();
  });
});

describe("a Python step is the user's sampled step", () => {
  const tsGrpo = groupRule({ name: 'ts', group: 8, advantage: grpoFloats });

  test('grpo_step.py draws nothing itself: with the seed of groupRule it takes the same step (1e-12), for 5 seeds', async () => {
    const rule = await loadPythonRule(fixture('grpo_step.py'));
    for (let seed = 1; seed <= 5; seed++) {
      const ours = increment(rule.sampledStep(policy, ctx, makeRng(seed)));
      const theirs = increment(tsGrpo.sampledStep(policy, ctx, makeRng(seed)));
      if (theirs.every((x) => x.isZero())) expect(ours.every((x) => x.abs().lt(1e-15))).toBe(true);
      else expectClose(ours, theirs, 1e-12);
    }
  });

  test('a step moving twice as far is seen: its increment is twice groupRule\'s', async () => {
    const rule = await loadPythonRule(fixture('grpo_step_doubled.py'));
    const seed = [1, 2, 3, 4, 5, 6, 7, 8].find((s) => increment(tsGrpo.sampledStep(policy, ctx, makeRng(s))).some((x) => !x.isZero()))!;
    const doubled = increment(tsGrpo.sampledStep(policy, ctx, makeRng(seed))).map((x) => x.times(2));
    expectClose(increment(rule.sampledStep(policy, ctx, makeRng(seed))), doubled, 1e-12);
  });

  test('a step that raises fails the step with the Python message and the file', async () => {
    const rule = await loadPythonRule(fixture('bad/step_raises.py'));
    expect(() => rule.sampledStep(policy, ctx, makeRng(1))).toThrow(/step_raises\.py: step\(logits, cots, \[.*\], 1\.0\) raised RuntimeError: optimizer state missing/);
    expect(() => rule.exactStep(policy, ctx)).not.toThrow();
  });
});

describe('tmc check --method FILE.py', () => {
  test('GRPO in Python runs the laws that apply and passes', async () => {
    // A few cases each: that the laws apply and run; their power is the battery's business.
    const run = await tmc(['check', '--method', 'fixtures/python/grpo.py', '--theorem', 'forgetting', 'conformance', '--runs', '25', '--seed', '1']);
    expect(run.stdout).toMatch(/^conformance\/grpo-py .* passed/m);
    expect(run.stdout).toMatch(/^forgetting\/grpo-py .* passed/m);
    expect(run.code).toBe(0);
  });

  test('--like grpo --group 8: the Python GRPO passes, the one with a flipped sign fails at ratio (G-2)/G', async () => {
    const like = ['--like', 'grpo', '--group', '8', '--seed', '1'];
    const good = await tmc(['check', '--method', 'fixtures/python/grpo.py', ...like]);
    expect(good.stdout).toMatch(/^like-grpo\/grpo-py .* passed/m);
    expect(good.code).toBe(0);
    const flipped = await tmc(['check', '--method', 'fixtures/python/grpo_sign_flipped.py', ...like]);
    expect(flipped.stdout).toMatch(/ratio yours\/grpo 0\.75/);
    expect(flipped.code).toBe(1);
  });

  test("conformance catches a Python step that takes twice the expected step (replayed at its shrunk case)", async () => {
    const path = '35:44:1:1:2:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:1:1:1';
    const run = await tmc(['check', '--method', 'fixtures/python/grpo_step_doubled.py', '--theorem', 'conformance/grpo-step-doubled-py', '--seed', '1', '--path', path]);
    expect(run.stdout).toMatch(/mean of 200 sampled increments -0\.925184, exact -0\.463914/);
    expect(run.code).toBe(1);
  });

  const bad = 'fixtures/python/bad';
  test.each([
    [`${bad}/syntax_error.py`, {}, /syntax_error\.py: import raised SyntaxError: expected ':'.*\n.*line 4\n.*def advantage\(rewards\)/],
    [`${bad}/raises.py`, {}, /raises\.py: advantage\(\[0, 0, 0, 0\]\) raised ZeroDivisionError: division by zero\n.*raises\.py", line 7, in advantage/],
    [`${bad}/wrong_length.py`, {}, /wrong_length\.py: advantage\(\[0, 0, 0, 0\]\) has 3 items; expected 4/],
    [`${bad}/nan.py`, {}, /nan\.py: advantage\(\[0, 0, 0, 0\]\)\[0\] is nan; expected a finite number/],
    [`${bad}/no_advantage.py`, {}, /no_advantage\.py: the file must define advantage\(rewards\)/],
    [`${bad}/hangs.py`, { TMC_PYTHON_TIMEOUT: '1' }, /hangs\.py: advantage did not answer within 1 s \(set TMC_PYTHON_TIMEOUT/],
    ['fixtures/python/grpo.py', { TMC_PYTHON: '/nonexistent/python3' }, /grpo\.py: cannot run \/nonexistent\/python3: not found/],
    ['fixtures/python/grpo.py', { TMC_PYTHON_TIMEOUT: 'soon' }, /TMC_PYTHON_TIMEOUT must be a positive number of seconds, got "soon"/],
    ['fixtures/python/missing.py', {}, /cannot load method file fixtures\/python\/missing\.py: no such file/],
  ])('%s %j: exit 2, the message, no stack trace', async (file, env, message) => {
    const run = await tmc(['check', '--method', file, '--seed', '1'], env);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^ {4}at /m);
    expect(run.code).toBe(2);
  });

  test("the user's prints and stdin reads do not reach the protocol", async () => {
    const run = await tmc(['check', '--method', `${bad}/prints.py`, '--seed', '1', '--runs', '1']);
    expect(run.stderr).toContain('hello from import');
    expect(run.stdout).toMatch(/^squeezing\/prints /m);
    expect(run.code).not.toBe(2);
  });
});

describe('the Python process does not outlive its use', () => {
  test('a rule without step closes it once the table is read', async () => {
    const file = privateCopy('grpo.py');
    await loadPythonRule(file);
    expect(await runnerGone(file, 2000)).toBe(true);
  });

  test('a check with a step rule leaves none behind', async () => {
    const file = privateCopy('grpo_step.py');
    // Conformance calls the Python step on every draw; a few cases keep the process busy enough.
    const run = await tmc(['check', '--method', file, '--theorem', 'conformance', '--runs', '3', '--seed', '1']);
    expect(run.code).toBe(0);
    expect(await runnerGone(file, 2000)).toBe(true);
  });

  test('a hung Python is killed at the timeout', async () => {
    const file = privateCopy('bad/hangs.py');
    await expect(tmc(['check', '--method', file], { TMC_PYTHON_TIMEOUT: '1' })).resolves.toMatchObject({ code: 2 });
    expect(await runnerGone(file, 2000)).toBe(true);
  });

  /** Start `tmc check --method file` (hangs.py) in its own process group; `act` once Python hangs in advantage. */
  function whileHung(file: string, act: (pid: number) => void): Promise<CliRun & { ms: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['src/cli/tmc.mjs', 'check', '--method', file], {
        cwd: ROOT,
        detached: true,
        env: { ...process.env, TMC_PYTHON_TIMEOUT: '60' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      let acted = 0;
      child.stderr.on('data', () => {
        if (acted === 0 && stderr.includes('hanging')) {
          acted = Date.now();
          act(child.pid!);
        }
      });
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - acted }));
    });
  }

  test('Ctrl-C (SIGINT to the process group) while Python hangs: exit 2 within seconds, the runner gone', async () => {
    const file = privateCopy('bad/hangs.py');
    const run = await whileHung(file, (pid) => process.kill(-pid, 'SIGINT'));
    expect(run.stderr).toMatch(/hangs\.py: interrupted \(Ctrl-C\) while Python was in advantage/);
    expect(run.code).toBe(2);
    expect(run.ms).toBeLessThan(10_000);
    expect(await runnerGone(file, 2000)).toBe(true);
  });

  test('a checker killed with SIGKILL while Python hangs: the runner exits by itself', async () => {
    const file = privateCopy('bad/hangs.py');
    await whileHung(file, (pid) => process.kill(pid, 'SIGKILL'));
    expect(await runnerGone(file, 3000)).toBe(true);
  });
});
