/**
 * # The update-rule interface (SPEC §4)
 *
 * A post-training method is an `UpdateRule`: one exact population step (the expectation of the
 * algorithm's update over instances and samples, in decimal.js) and one seeded sampled step (the
 * algorithm as practitioners run it). A user writes a rule in their own file, exports it as
 * `default`, and runs every applicable claim against it with `tmc check --method FILE`.
 *
 * `family` says which claims apply: `rlvr` rules (REINFORCE, RAFT, PPO, GRPO) must squeeze and
 * forget; `kl-regularized` rules must preserve every CoT; `rejection` rules must keep hard mass.
 */
import { taskCots, type TaskCots } from '../exact/correctness.ts';
import { basePolicy, type Policy } from '../policy.ts';
import { sampleInstance, type Rng } from '../sampling.ts';
import type { Tmc } from '../tmc.ts';

export type RuleFamily = 'rlvr' | 'kl-regularized' | 'rejection';

/** What a step needs besides the current policy. */
export interface TrainContext {
  readonly tmc: Tmc;
  /** Index of the task being fine-tuned. */
  readonly task: number;
  /**
   * The task's valid CoTs with `rho`. `trainContext` lists them on first read only, so rules that
   * work by layer passes (REINFORCE, RAFT, PPO, the Gibbs step) never enumerate `V_k`.
   */
  readonly tc: TaskCots;
  /** The base (pretrained) policy: the KL anchor and the `base` rejection filter. */
  readonly base: Policy;
  /**
   * How sampled steps draw a question instance (`correct[i]` for `tc.cots[i]`); default: a fresh
   * instance (`sampleInstance`). The paper's procedure draws from a fixed set (src/paper/finetune.ts).
   */
  readonly drawInstance?: (rng: Rng) => readonly boolean[];
}

/** See `UpdateRule.sampledBounds`. */
export interface SampledBounds {
  readonly range?: number;
  readonly bias?: number;
}

export interface UpdateRule {
  /** CLI name: `reinforce`, `raft`, `ppo`, `grpo`, `grpo-kl`, `rl-rej`, or the user's own. */
  readonly name: string;
  readonly family: RuleFamily;
  /** The rule's hyperparameters, for reports. */
  readonly params: Readonly<Record<string, number | string>>;
  readonly squeezingRate?: (ctx: TrainContext) => number; // eta_eff of properties/squeezing-rate.prop.ts, when the rule declares it
  /**
   * What the rule declares about its sampled step, for the conformance law
   * (properties/conformance.prop.ts); both optional.
   * - `range`: every coordinate of a sampled logit increment lies in an interval of this length.
   *   Without it the law uses the increments' observed range, which misses increments too rare to
   *   be drawn (a rule that rarely makes a big step should declare it).
   * - `bias`: a bound on `|E[sampled increment] - exact increment|` on every logit, for a rule whose
   *   sampled step is not an unbiased estimate of its exact step (PPO with `E > 1` inner steps on
   *   one batch is biased at second order in `eta`). Default 0; the law does not apply when it is
   *   not finite.
   *
   * @example
   * // REINFORCE: the increment is eta R grad log pi(o), each coordinate in [-eta, eta].
   * const bounds = { range: 2 * eta };
   */
  readonly sampledBounds?: SampledBounds;
  /** One exact population step. */
  exactStep(policy: Policy, ctx: TrainContext): Policy;
  /** One sampled step, drawing instances and CoTs from `rng`. */
  sampledStep(policy: Policy, ctx: TrainContext, rng: Rng): Policy;
}

/** The context for fine-tuning task `task` of `tmc` from `base` (default: the kernel); `tc` is lazy. */
export function trainContext(tmc: Tmc, task: number, base: Policy = basePolicy(tmc)): TrainContext {
  let tc: TaskCots | undefined;
  return {
    tmc,
    task,
    base,
    get tc() {
      tc ??= taskCots(tmc, task);
      return tc;
    },
  };
}

/** A question instance for a sampled step: `ctx.drawInstance`, else a fresh one. */
export function drawInstance(ctx: TrainContext, rng: Rng): readonly boolean[] {
  return ctx.drawInstance ? ctx.drawInstance(rng) : sampleInstance(ctx.tc, rng);
}

/** `steps` exact steps from `start`; `onStep(t, policy)` sees every policy from `t = 1`. */
export function runExact(
  rule: UpdateRule,
  ctx: TrainContext,
  steps: number,
  start: Policy = ctx.base,
  onStep?: (t: number, policy: Policy) => void,
): Policy {
  let policy = start;
  for (let t = 1; t <= steps; t++) {
    policy = rule.exactStep(policy, ctx);
    onStep?.(t, policy);
  }
  return policy;
}
