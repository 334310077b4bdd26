/**
 * `npm run bench`: the cost of one exact step of each rule and of each instance-based quantity, in
 * mean CPU milliseconds, with the growth per doubling of the size; then the paper's full table.
 *
 * 1. Layer-pass rules (REINFORCE, RAFT, PPO, the Gibbs step) on dense TMCs against the number of
 *    layers L (4..64, width 2 and 4) and the width (2..6, L = 8): cost linear in the edges, so x2
 *    per doubling of the L - 1 kernels and x4 per doubling of the width are the ideal.
 * 2. REINFORCE against |V| (2^4..2^16 valid CoTs on 64 layers of width 2): flat, beside the
 *    enumerated weighted score it replaced (skipped past `BENCH_BUDGET_MS`, default 2000, its
 *    predicted time printed instead). The KL optimum on binary trees, backward pass vs enumeration.
 * 3. Instance quantities on seeded synthetic tasks (|V| CoTs, rho and pi from integer weights):
 *    GRPO's and RL-rej's weights and pass@K (all instances and hard ones) against |V| (4..4096) and
 *    GRPO against the group size G (2..32), each by the method the engine picks (recursion or, where
 *    cheaper, instance enumeration) and, up to 16 CoTs, by enumeration.
 * 4. The paper's coverage table (`tmc paper-table --coverage`: base model, fine-tuning methods,
 *    selectors), timed once in the same run.
 */
import { coverageTable } from '../src/paper/coverage-table.ts';
import { textTable } from '../src/cli/format.ts';
import type { TaskCots } from '../src/exact/correctness.ts';
import { bernsteinInstanceMean, bernsteinInstanceWeights, enumerationIsCheaper } from '../src/exact/instance-moments.ts';
import { instanceWeights } from '../src/exact/instances.ts';
import { passAtKCoefficients } from '../src/exact/metrics.ts';
import { gibbs } from '../src/methods/gibbs-step.ts';
import { groupAdvantageWeight, grpoCoefficients } from '../src/methods/grpo.ts';
import { klOptimum } from '../src/methods/kl-optimum.ts';
import { ppo } from '../src/methods/ppo.ts';
import { raft } from '../src/methods/raft.ts';
import { reinforce } from '../src/methods/reinforce.ts';
import { trainContext, type UpdateRule } from '../src/methods/update-rule.ts';
import { weightedScore } from '../src/methods/_internals/weighted-score.ts';
import { D, ONE, ZERO, type Dec } from '../src/numeric.ts';
import { basePolicy } from '../src/policy.ts';
import { makeRng } from '../src/sampling.ts';
import { tmcFromSpec } from '../src/tmc-file.ts';
import type { Tmc } from '../src/tmc.ts';
import { branchingTmc, denseTmc } from './dense-tmc.ts';
import { showMs, timeMs } from './timing.ts';

const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 2000);

/** Time ratio per doubling of the size: (t2/t1)^(1 / log2(size2/size1)). */
function perDoubling(t1: number, t2: number, size1: number, size2: number): string {
  return `x${((t2 / t1) ** (1 / Math.log2(size2 / size1))).toPrecision(3)}`;
}

/**
 * Time of `fn`: one run without warm-up when a single run is slow, else the least of three means
 * (other processes on a shared machine only ever add time).
 */
function time(fn: () => unknown): number {
  const once = timeMs(fn, { minRuns: 1, minMs: 0, warmUp: false });
  return once > 300 ? once : Math.min(timeMs(fn), timeMs(fn), timeMs(fn));
}

const RULES: Record<string, UpdateRule> = { reinforce: reinforce(), raft: raft(), 'ppo (E = 4)': ppo(), 'gibbs-step': gibbs() };

function stepTime(rule: UpdateRule, tmc: Tmc): number {
  const ctx = trainContext(tmc, 0);
  const policy = basePolicy(tmc);
  return time(() => rule.exactStep(policy, ctx));
}

function layerPassRules(): void {
  const LAYERS = [4, 8, 16, 32, 64];
  for (const width of [2, 4]) {
    const rows = Object.entries(RULES).map(([name, rule]) => {
      const t = LAYERS.map((L) => stepTime(rule, denseTmc(L, width)));
      // Per doubling of the L - 1 kernels (the edges): from L = 4 to 8 they grow x7/3, not x2.
      const n = t.length - 1;
      return [name, ...t.map(showMs), perDoubling(t[0], t[n], LAYERS[0] - 1, LAYERS[n] - 1), perDoubling(t[n - 1], t[n], LAYERS[n - 1] - 1, LAYERS[n] - 1)];
    });
    console.log(`\n1. Exact step against L, dense TMCs of width ${width} (${width}^(L-1) CoTs from the start)\n`);
    console.log(textTable(['rule', ...LAYERS.map((L) => `L=${L}`), 'per doubling of L-1 (4 -> 64)', '(32 -> 64)'], rows));
  }
  const WIDTHS = [2, 3, 4, 5, 6];
  const rows = Object.entries(RULES).map(([name, rule]) => {
    const t = WIDTHS.map((w) => stepTime(rule, denseTmc(8, w)));
    return [name, ...t.map(showMs), perDoubling(t[0], t[2], 2, 4), perDoubling(t[1], t[4], 3, 6)];
  });
  console.log('\n   Exact step against the width, L = 8 (edges grow as width^2: x4 per doubling is linear)\n');
  console.log(textTable(['rule', ...WIDTHS.map((w) => `width ${w}`), 'per doubling (2 -> 4)', '(3 -> 6)'], rows));
}

/** `fn` timed unless predicted (proportional to `cost` from the last run) past the budget. */
function budgeted(fn: () => unknown, cost: number, last: { cost: number; ms: number } | null): { ms: number } | { predicted: number } {
  const predicted = last ? (last.ms * cost) / last.cost : 0;
  return predicted > BUDGET_MS ? { predicted } : { ms: time(fn) };
}

function showBudgeted(t: { ms: number } | { predicted: number }): string {
  return 'ms' in t ? showMs(t.ms) : `skipped (~${showMs(t.predicted)})`;
}

function validCotCount(): void {
  const rows: string[][] = [];
  let last: { cost: number; ms: number } | null = null;
  const first = { passes: 0, V: 0 };
  for (const branching of [4, 8, 12, 16]) {
    const tmc = branchingTmc(64, branching);
    const V = 2 ** branching;
    const passes = stepTime(reinforce(), tmc);
    if (first.V === 0) Object.assign(first, { passes, V });
    const policy = basePolicy(tmc);
    // The step it replaced: list V_k, then the weighted score with w = rho.
    const byEnumeration = budgeted(() => {
      const ctx = trainContext(tmc, 0);
      weightedScore(policy, ctx.tc, ctx.tc.cots.map((c) => c.rho));
    }, V, last);
    if ('ms' in byEnumeration) last = { cost: V, ms: byEnumeration.ms };
    rows.push([String(V), showMs(passes), showBudgeted(byEnumeration), V === first.V ? '-' : perDoubling(first.passes, passes, first.V, V)]);
  }
  console.log(`\n2. REINFORCE's exact step against |V|: 64 layers of width 2 (252 kernel entries), budget ${BUDGET_MS} ms\n`);
  console.log(textTable(['|V|', 'layer passes', 'enumerated weighted score (before)', 'passes per doubling of |V|'], rows));

  const treeRows: string[][] = [];
  for (const depth of [4, 6, 8, 10]) {
    const tmc = binaryTree(depth);
    const ctx = trainContext(tmc, 0);
    const paths = 2 ** (depth - 1);
    const entries = tmc.kernels.reduce((a, k) => a + k.length * k[0].length, 0);
    treeRows.push([String(depth), String(paths), String(entries), showMs(time(() => klOptimum(ctx, 1)))]);
  }
  console.log('\n   KL optimum (beta = 1) by its backward pass on binary trees (kernel entries, zeros included, grow x4 a layer)\n');
  console.log(textTable(['L', 'CoTs from the start', 'kernel entries', 'backward pass'], treeRows));
}

/** A binary tree of `layers` layers (width 2^l), each edge 1/3 or 2/3, task from 0 to the last layer's 0. */
function binaryTree(layers: number): Tmc {
  const kernels = Array.from({ length: layers - 1 }, (_, l) =>
    Array.from({ length: 2 ** l }, (_, u) => Array.from({ length: 2 ** (l + 1) }, (_, v) => (v === 2 * u ? '2/3' : v === 2 * u + 1 ? '1/3' : '0'))),
  );
  return tmcFromSpec({ kernels, tasks: [{ name: 't', start: 0, target: 0 }] });
}

/** A seeded synthetic task: `N` CoTs, rho and pi from integer weights (pi leaves 1/10 off V), a third easy. */
function syntheticTask(N: number): { tc: TaskCots; pi: Dec[] } {
  const rng = makeRng(`bench/task/${N}`);
  const rho = Array.from({ length: N }, () => 1 + Math.floor(rng() * 9));
  const pi = Array.from({ length: N }, () => 1 + Math.floor(rng() * 9));
  const rhoTotal = rho.reduce((a, b) => a + b, 0);
  const piTotal = pi.reduce((a, b) => a + b, 0);
  const tc: TaskCots = {
    task: { name: 'synthetic', start: 0, target: 0 },
    index: 0,
    pValid: ONE,
    cots: rho.map((r, i) => ({ path: [i], p: new D(r).div(rhoTotal), rho: new D(r).div(rhoTotal), kind: i % 3 === 0 ? 'easy' : 'hard' })),
  };
  return { tc, pi: pi.map((p) => new D(p).div(piTotal).times('0.9')) };
}

function instanceQuantities(): void {
  const rlRejBeta = (n: number) => Array.from({ length: n + 1 }, (_, j) => (j === 0 ? ONE : ZERO));
  const quantities: [string, (tc: TaskCots, pi: Dec[]) => unknown, Dec[]][] = [
    ['GRPO weights (G = 8)', (tc, pi) => bernsteinInstanceWeights(tc, pi, grpoCoefficients(8)), grpoCoefficients(8)],
    ['RL-rej weights (n = 5)', (tc, pi) => bernsteinInstanceWeights(tc, pi, rlRejBeta(5)), rlRejBeta(5)],
    ['pass@8', (tc, pi) => bernsteinInstanceMean(tc, pi, passAtKCoefficients(8)), passAtKCoefficients(8)],
    ['pass@8 on hard instances', (tc, pi) => bernsteinInstanceMean(tc, pi, passAtKCoefficients(8), { hardOnly: true }), passAtKCoefficients(8)],
  ];
  const SIZES = [4, 16, 64, 256, 1024, 4096];
  const tasks = SIZES.map(syntheticTask);
  const rows = quantities.map(([name, fn, beta]) => {
    const t = tasks.map(({ tc, pi }) => time(() => fn(tc, pi)));
    const method = SIZES.map((N) => (enumerationIsCheaper(N, beta, name.includes('weights') ? 'weights' : 'mean') ? 'e' : 'r'));
    return [name, ...t.map((ms, i) => `${showMs(ms)} ${method[i]}`), perDoubling(t[2], t[t.length - 1], SIZES[2], SIZES[SIZES.length - 1])];
  });
  console.log('\n3. Instance quantities against |V| (synthetic tasks; r = moment recursion, e = instance enumeration, the cheaper)\n');
  console.log(textTable(['quantity', ...SIZES.map((N) => `|V|=${N}`), 'per doubling (64 -> 4096)'], rows));

  const enumRows = [4, 8, 12, 16].map((N) => {
    const { tc, pi } = syntheticTask(N);
    // The enumerated weights before this change (cache of the 2^N instances warm, as in a run).
    return [String(N), showMs(time(() => instanceWeights(tc, pi, (c) => groupAdvantageWeight(8, c))))];
  });
  console.log('\n   GRPO weights (G = 8) by enumerating the 2^|V| instances (the method before; instances cached)\n');
  console.log(textTable(['|V|', 'enumeration'], enumRows));

  const GROUPS = [2, 4, 8, 16, 32];
  const { tc, pi } = syntheticTask(64);
  const t = GROUPS.map((G) => time(() => bernsteinInstanceWeights(tc, pi, grpoCoefficients(G))));
  console.log('\n   GRPO weights against the group size G, |V| = 64 (degree G - 1: ~G^3 per CoT)\n');
  console.log(textTable(['', ...GROUPS.map((G) => `G=${G}`), 'per doubling (8 -> 32)'], [['recursion', ...t.map(showMs), perDoubling(t[2], t[4], 8, 32)]]));
}

function paperTable(): void {
  const ms = timeMs(() => coverageTable(), { minRuns: 1, minMs: 0, warmUp: false });
  console.log(`\n4. The paper's coverage table (base, fine-tuning methods, selectors; tmc paper-table --coverage): ${showMs(ms)}, once`);
}

function main(): void {
  console.log('Exact-step and instance-quantity costs, mean CPU time of this process');
  layerPassRules();
  validCotCount();
  instanceQuantities();
  paperTable();
}

main();
