/**
 * # The RLVR zoo on the paper's TMC (`tmc paper-table --zoo`)
 *
 * For every method (the base policy, REINFORCE and GRPO of SPEC §4, the zoo of SPEC §9, default
 * parameters, `eta = 1`), fine-tuning task 1 of the reference TMC:
 * - `exactHard`: task 1's hard-CoT mass after `steps` exact steps (default 1000);
 * - `sampled`: the same after `steps` seeded sampled steps (fresh instances), over `seeds` runs: mean
 *   and the normal-approximation 95% interval `mean +- 1.96 s/sqrt(n)` (`s` the sample std);
 * - `task2Valid`: task 2's valid mass after the exact steps (forgetting through shared states);
 * - `crossing`: the pass@K crossing `K*` of the exact policy `pi_T`: the least `K` in `1..maxK` with
 *   `pass@K(pi_T) < pass@K(p)` for every `K'` from `K` to `maxK` (`maxK = 256`; pass@K averaged over
 *   all instances, SPEC §3), `null` when `pass@maxK(pi_T) >= pass@maxK(p)` (no crossing up to `maxK`);
 * - `verdict` and `theorem`: what the registry proves of the method.
 * Runs at 20 significant digits (the table shows 4). About 70 s of CPU (4 min on a shared 2-core
 * machine): 120 000 sampled steps, and the unlikeliness reward's exact step (src/methods/unlikeliness.ts).
 */
import { coverage, passAtK } from '../exact/metrics.ts';
import { ruleByName } from '../methods/index.ts';
import { runExact, trainContext, type UpdateRule } from '../methods/update-rule.ts';
import { withPrecision } from '../numeric.ts';
import type { Policy } from '../policy.ts';
import { makeRng } from '../sampling.ts';
import { textTable } from '../cli/format.ts';
import { paperTmc } from './reference.ts';

export interface ZooTableOptions {
  readonly steps?: number;
  readonly seeds?: number;
  readonly maxK?: number;
  /** Methods to run (default: all of `ZOO_ROWS`). */
  readonly methods?: readonly string[];
}

export interface ZooRow {
  readonly method: string;
  readonly params: Readonly<Record<string, number | string>>;
  readonly exactHard: number;
  readonly sampled: { readonly mean: number; readonly low: number; readonly high: number; readonly runs: number };
  readonly task2Valid: number;
  readonly crossing: number | null;
  readonly verdict: string;
  readonly theorem: string;
}

/** Each method's verdict and the theorem that gives it. */
export const ZOO_ROWS: readonly { readonly method: string; readonly verdict: string; readonly theorem: string }[] = [
  { method: 'reinforce', verdict: 'squeezes, Theta(1/t)', theorem: 'squeezing/reinforce' },
  { method: 'grpo', verdict: 'squeezes', theorem: 'squeezing/grpo' },
  { method: 'rloo', verdict: 'squeezes: = REINFORCE', theorem: 'zoo-rescaled-reinforce/rloo' },
  { method: 'dr-grpo', verdict: 'squeezes: = (G-1)/G REINFORCE', theorem: 'zoo-rescaled-reinforce/dr-grpo' },
  { method: 'dapo', verdict: "squeezes: GRPO's direction, step up to N eta", theorem: 'zoo-dapo-time-change/dapo' },
  { method: 'psr', verdict: 'squeezes: = REINFORCE', theorem: 'zoo-rescaled-reinforce/psr' },
  { method: 'nsr', verdict: 'squeezes: = REINFORCE', theorem: 'zoo-rescaled-reinforce/nsr' },
  { method: 'w-reinforce', verdict: 'squeezes: = (1+lambda) REINFORCE', theorem: 'zoo-rescaled-reinforce/w-reinforce' },
  { method: 'unlikeliness', verdict: 'squeezes past a rank gap (H-rank-gap); keeps near ties', theorem: 'zoo-unlikeliness-squeezes/unlikeliness' },
  { method: 'pkpo', verdict: 'keeps hard mass: (eta/G) grad pass@k, floor phi (H-pass)', theorem: 'zoo-pkpo-keeps-hard-mass/pkpo' },
  { method: 'passk', verdict: 'keeps hard mass: floor phi (H-pass)', theorem: 'zoo-passk-hard-mass-floor/passk' },
  { method: 'entropy-bonus', verdict: 'keeps every CoT: limit exp(rho/alpha)/Z (H-tree)', theorem: 'zoo-entropy-bonus-gibbs-limit/entropy-bonus' },
];

const Z95 = 1.96;

/** `K*` of `policy` against `base` (see the module doc). */
export function passAtKCrossing(policy: Policy, base: Policy, maxK: number): number | null {
  const tc = trainContext(base.tmc, 0).tc;
  let crossing: number | null = null;
  for (let K = maxK; K >= 1; K--) {
    if (!passAtK(policy, tc, K).lt(passAtK(base, tc, K))) break;
    crossing = K;
  }
  return crossing;
}

function sampledHard(rule: UpdateRule, steps: number, seeds: number): ZooRow['sampled'] {
  const ctx = trainContext(paperTmc(), 0);
  const hard = Array.from({ length: seeds }, (_, s) => {
    const rng = makeRng(`zoo:${rule.name}:${s + 1}`);
    let policy = ctx.base;
    for (let t = 0; t < steps; t++) policy = rule.sampledStep(policy, ctx, rng);
    return coverage(policy, 0).hard.toNumber();
  });
  const mean = hard.reduce((a, b) => a + b, 0) / seeds;
  const sd = seeds > 1 ? Math.sqrt(hard.reduce((a, x) => a + (x - mean) ** 2, 0) / (seeds - 1)) : 0;
  const half = (Z95 * sd) / Math.sqrt(seeds);
  return { mean, low: mean - half, high: mean + half, runs: seeds };
}

/** The zoo table (see the module doc). */
export function zooTable({ steps = 1000, seeds = 10, maxK = 256, methods }: ZooTableOptions = {}): ZooRow[] {
  return withPrecision(20, () => {
    const ctx = trainContext(paperTmc(), 0);
    const base = coverage(ctx.base, 0).hard.toNumber();
    const baseRow: ZooRow = {
      method: 'base',
      params: {},
      exactHard: base,
      sampled: { mean: base, low: base, high: base, runs: 0 },
      task2Valid: validMass(ctx.base),
      crossing: null,
      verdict: '-',
      theorem: '-',
    };
    const rows = ZOO_ROWS.filter((r) => !methods || methods.includes(r.method)).map((r): ZooRow => {
      const rule = ruleByName(r.method);
      const policy = runExact(rule, ctx, steps);
      return {
        method: r.method,
        params: rule.params,
        exactHard: coverage(policy, 0).hard.toNumber(),
        sampled: sampledHard(rule, steps, seeds),
        task2Valid: validMass(policy),
        crossing: passAtKCrossing(policy, ctx.base, maxK),
        verdict: r.verdict,
        theorem: r.theorem,
      };
    });
    return [baseRow, ...rows];
  });
}

function validMass(policy: Policy): number {
  const c = coverage(policy, 1);
  return c.easy.plus(c.hard).toNumber();
}

const f4 = (x: number) => x.toFixed(4);

/** The table as text. */
export function zooTableText(rows: readonly ZooRow[], steps = 1000): string {
  const header = ['method', 'params', `exact hard (t=${steps})`, 'sampled hard, mean [95% CI]', 'task 2 valid', 'K*', 'verdict', 'theorem'];
  const body = rows.map((r) => [
    r.method,
    Object.entries(r.params).filter(([k]) => k !== 'eta').map(([k, v]) => `${k} ${v}`).join(', '),
    f4(r.exactHard),
    r.sampled.runs === 0 ? '-' : `${f4(r.sampled.mean)} [${f4(r.sampled.low)}, ${f4(r.sampled.high)}]`,
    f4(r.task2Valid),
    r.method === 'base' ? '-' : r.crossing === null ? 'none' : String(r.crossing),
    r.verdict,
    r.theorem,
  ]);
  return textTable(header, body);
}
