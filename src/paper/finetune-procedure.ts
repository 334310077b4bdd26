/**
 * # The paper's fine-tuning procedure, as named variants (docs/paper-procedure.md)
 *
 * The authors' script departs from the methods as defined (SPEC §4); each departure that matters
 * for the fine-tuning rows is a named variant here, beside the clean rules of src/methods/:
 * - `pretrain`: a tabular softmax with logits drawn `N(0, 0.1^2)`, fitted by SGD on CoTs sampled
 *   from the kernel (start uniform in layer 1), one CoT a step, `2000` steps at `0.05` then `500`
 *   at `0.025`. Fine-tuning starts from it, not from `log P`.
 * - `fixedInstances`: fine-tuning draws one of `200` instances fixed in advance (item 10).
 * - `raftLogFactorStep` (item 6): on an accepted CoT, each transition's score is multiplied by
 *   `1 + ln pi(o_{l+1} | o_l)`: `sum_l (1 + ln pi(o_{l+1}|o_l)) grad log pi(o_{l+1}|o_l)`; one draw a step
 *   (a rejected draw is no step). Read per sequence instead, `(1 + ln pi(o)) grad log pi(o)` turns
 *   negative for every CoT below `1/e`, and a pretrained model whose easy CoT starts below `1/e`
 *   (our seed 43: 0.354) is driven to 90% invalid; the per-transition reading matches the paper.
 * - `ppoMcPrmStep` (item 7): no instance reward; step `l` of a drawn CoT gets the advantage
 *   `Ahat_l = PRMhat(o_1..o_{l+1}) - PRMhat(o_1..o_l)`, each PRM a mean of `rho` over 15 rollouts from
 *   the kernel `P` (a full CoT scores its own `rho`); the ratio is 1, so the update is the clip
 *   bound times the advantage: `(1 + eps sign(Ahat_l)) Ahat_l grad log pi(o_{l+1} | o_l)` (our reading
 *   of "the step is scaled by 1 +- eps").
 * - `klSamplerCot` (item 9): "GRPO-KL" is no training: from each prefix `x` ending at `u`, the next
 *   state is drawn with probability proportional to `p(v|u) exp(lambda Qhat(x v))`, `p` the
 *   pretrained model, `Qhat(x v)` the 15-rollout PRM of the task's own reward, `lambda = 0.5`.
 * - RL-rej's current-policy filter with 5 tries (item 8) is the clean rule's default.
 * Monte Carlo draws use floats (`drawIndex`); the policies stay in decimal.js.
 */
import { UsageError } from '../errors.ts';
import type { TaskCots } from '../exact/correctness.ts';
import { D, ONE, ZERO, type Dec } from '../numeric.ts';
import { logProbGradient, policyFromLogits, stepLogits, zerosLike, type Policy, type Probs } from '../policy.ts';
import { drawIndex, sampleCot, sampleInstance, type Rng } from '../sampling.ts';
import type { Tmc } from '../tmc.ts';
import { instanceReward } from '../methods/_internals/sampled.ts';
import { drawInstance, type TrainContext } from '../methods/update-rule.ts';

/** One step of a procedure variant. */
export type ProcedureStep = (policy: Policy, ctx: TrainContext, rng: Rng) => Policy;

export interface PretrainSetup {
  readonly initSd: number;
  readonly phases: readonly { readonly steps: number; readonly lr: number }[];
}

export const PAPER_PRETRAIN: PretrainSetup = { initSd: 0.1, phases: [{ steps: 2000, lr: 0.05 }, { steps: 500, lr: 0.025 }] };

/** A standard normal draw (Box-Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** The paper's pretrained model: random logits on the support, then SGD on CoTs sampled from `P`. */
export function pretrain(tmc: Tmc, rng: Rng, setup: PretrainSetup = PAPER_PRETRAIN): Policy {
  let policy = policyFromLogits(
    tmc,
    tmc.kernels.map((k) => k.map((row) => row.map((p) => (p.gt(0) ? new D(normal(rng) * setup.initSd) : null)))),
  );
  const uniform = Array(tmc.widths[0]).fill(1 / tmc.widths[0]);
  for (const { steps, lr } of setup.phases) {
    for (let t = 0; t < steps; t++) {
      const o = sampleCot(tmc.kernels, drawIndex(uniform, rng), rng);
      policy = stepLogits(policy, logProbGradient(policy, o), lr);
    }
  }
  return policy;
}

/** `ctx` whose sampled steps draw uniformly from `count` instances fixed with `rng`. */
export function withFixedInstances(ctx: TrainContext, count: number, rng: Rng): TrainContext {
  const fixed = Array.from({ length: count }, () => sampleInstance(ctx.tc, rng));
  const uniform = Array(count).fill(1 / count);
  return { ...ctx, drawInstance: (r) => fixed[drawIndex(uniform, r)] };
}

/** RAFT as the script runs it: `eta sum_l (1 + ln pi(o_{l+1}|o_l)) grad log pi(o_{l+1}|o_l)` on an accepted draw. */
export function raftLogFactorStep(eta: number): ProcedureStep {
  return (policy, ctx, rng) => {
    const correct = drawInstance(ctx, rng);
    const o = sampleCot(policy.probs, ctx.tc.task.start, rng);
    if (instanceReward(ctx.tc, correct, o) === 0) return policy;
    return stepLogits(policy, transitionScores(policy, o, (l) => 1 + Math.log(policy.probs[l][o[l]][o[l + 1]].toNumber())), eta);
  };
}

/** `sum_l c(l) grad log pi(o_{l+1} | o_l)`: row `o_l` of layer `l` gets `c(l) (e_{o_{l+1}} - pi(.|o_l))`. */
function transitionScores(policy: Policy, o: readonly number[], c: (l: number) => number): Dec[][][] {
  const direction = zerosLike(policy.tmc);
  for (let l = 0; l + 1 < o.length; l++) {
    const factor = c(l);
    if (factor === 0) continue;
    const pi = policy.probs[l][o[l]];
    direction[l][o[l]] = pi.map((p, v) => (v === o[l + 1] ? ONE : ZERO).minus(p).times(factor));
  }
  return direction;
}

/** Float rows of a kernel, for Monte Carlo rollouts; cached per kernel. */
const floatCache = new WeakMap<Probs, number[][][]>();
function floatRows(probs: Probs): number[][][] {
  let rows = floatCache.get(probs);
  if (!rows) {
    rows = probs.map((k) => k.map((row) => row.map((p) => p.toNumber())));
    floatCache.set(probs, rows);
  }
  return rows;
}

/** `rho_k` of a full path, as a float (0 off `V_k`); cached per task. */
const rhoCache = new WeakMap<TaskCots, Map<string, number>>();
function rhoOf(tc: TaskCots, path: readonly number[]): number {
  let m = rhoCache.get(tc);
  if (!m) {
    m = new Map(tc.cots.map((c) => [c.path.join(), c.rho.toNumber()]));
    rhoCache.set(tc, m);
  }
  return m.get(path.join()) ?? 0;
}

/** `prefix` completed to a full CoT by draws from float `rows` (a kernel or a policy). */
export function completePath(rows: number[][][], prefix: readonly number[], rng: Rng): number[] {
  const path = [...prefix];
  while (path.length <= rows.length) path.push(drawIndex(rows[path.length - 1][path[path.length - 1]], rng));
  return path;
}

/** Monte Carlo PRM: the mean `rho` of `rollouts` completions of `prefix` under `kernel` (exact for a full CoT). */
export function mcPrm(kernel: number[][][], tc: TaskCots, prefix: readonly number[], rollouts: number, rng: Rng): number {
  if (prefix.length === kernel.length + 1) return rhoOf(tc, prefix);
  let total = 0;
  for (let i = 0; i < rollouts; i++) total += rhoOf(tc, completePath(kernel, prefix, rng));
  return total / rollouts;
}

/** PPO as the script runs it: MC-PRM advantages from `P`, no instance reward, steps scaled by `1 +- eps`. */
export function ppoMcPrmStep(eta: number, eps: number, rollouts: number): ProcedureStep {
  return (policy, ctx, rng) => {
    const kernel = floatRows(ctx.tmc.kernels);
    const o = sampleCot(policy.probs, ctx.tc.task.start, rng);
    const prm = o.map((_, l) => mcPrm(kernel, ctx.tc, o.slice(0, l + 1), rollouts, rng));
    const advantage = (l: number) => prm[l + 1] - prm[l];
    return stepLogits(policy, transitionScores(policy, o, (l) => advantage(l) * (1 + eps * Math.sign(advantage(l)))), eta);
  };
}

/**
 * One CoT of the script's "GRPO-KL" sampler for task `tc`: from prefix `x` ending at `u`, draw `v` with
 * probability proportional to `p(v|u) exp(lambda Qhat(x v))`, `p` = `model`, `Qhat` the MC PRM under `P`.
 */
export function klSamplerCot(tmc: Tmc, model: Policy, tc: TaskCots, lambda: number, rollouts: number, rng: Rng): number[] {
  if (!(lambda > 0)) throw new UsageError(`kl sampler: lambda must be positive, got ${lambda}`);
  const kernel = floatRows(tmc.kernels);
  const p = floatRows(model.probs);
  const path = [tc.task.start];
  for (let l = 0; l + 1 < tmc.layers; l++) {
    const u = path[l];
    const weights = p[l][u].map((q, v) => (q > 0 ? q * Math.exp(lambda * mcPrm(kernel, tc, [...path, v], rollouts, rng)) : 0));
    const total = weights.reduce((a, b) => a + b, 0);
    path.push(drawIndex(weights.map((w) => w / total), rng));
  }
  return path;
}

/** Float rows of a policy, for drawing many CoTs from it (cached per policy). */
export function floatPolicy(policy: Policy): number[][][] {
  return floatRows(policy.probs);
}
