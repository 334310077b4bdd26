/**
 * # `tmc check --method FILE --like NAME [params]`: is my rule the built-in one?
 *
 * A differential check of a user's update rule against the built-in `NAME` with the parameters given
 * as the usual rule options (`--group 8`, `--eta 0.5`, …). Theorem `like-NAME/<user's name>`, over
 * random one-task TMCs and policies:
 * 1. the user's exact step equals the built-in's, up to the precision of the user's arithmetic:
 *    `|yours - built-in| <= 1e-12 max(|increment|, range)` on every logit (floating point carries about 16
 *    digits; sums of a few hundred terms keep 12), where `max |increment|` is the largest logit
 *    increment either step returned and `range` the built-in's declared sampled range: an exact step is a
 *    mean of sampled increments, each within `range`, so its rounding scales with that even where the
 *    terms cancel to a step near 0 (two equally good CoTs);
 * 2. the mean of the user's seeded sampled steps is within the empirical-Bernstein bound of the
 *    built-in's exact step (proofs/laws/sampled-step-mean-converges-to-exact-step.ts).
 * The laws ignore scale (a step in the right direction passes them all); this does not: a GRPO with
 * one sample's advantage sign flipped steps `(G-2)/G` of GRPO's step, and fails 1 with that ratio.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import { trainContext } from '../methods/update-rule.ts';
import { D, Decimal, type Dec } from '../numeric.ts';
import type { Policy } from '../policy.ts';
import type { Theorem } from '../theorems/theorem.ts';
import { casePolicy } from '../../proofs/laws/cases.ts';
import { FLOAT_TOLERANCE, checkSampledMean, sampledCases, type SampledCase } from '../../proofs/laws/sampled-step-mean-converges-to-exact-step.ts';
import { ruleFromOptions, type TrainOptions } from './commands/train.ts';
import { numberOption } from './options.ts';

/** The option names `--like` reads besides its own, in the order a replay command writes them. */
export const LIKE_PARAMS = ['eta', 'eps', 'epochs', 'group', 'beta', 'n', 'filter'] as const;

/** `--like NAME` and the rule options, as the CLI parses them (those of `tmc train`). */
export type LikeOptions = Pick<TrainOptions, (typeof LIKE_PARAMS)[number]> & { readonly like?: string };

/** Sampled steps per case of the differential check's second clause. */
const DRAWS = 200;

/** Add `--like NAME` and the rule options to `tmc check`. */
export function addLikeOptions(cmd: Command): Command {
  return cmd
    .option('--like <name>', 'with --method: check that the rule is the built-in NAME (exact step equal, sampled mean matching)')
    .option('--eta <x>', 'with --like: step size', numberOption('eta', { min: 0, exclusiveMin: true }))
    .option('--eps <x>', 'with --like: PPO clip range', numberOption('eps', { min: 0, exclusiveMin: true, max: 1 }))
    .option('--epochs <e>', 'with --like: PPO inner steps', numberOption('epochs', { integer: true, min: 1 }))
    .option('--group <g>', 'with --like: group size', numberOption('group', { integer: true, min: 2 }))
    .option('--beta <x>', 'with --like: KL strength', numberOption('beta', { min: 0, exclusiveMin: true }))
    .option('--n <n>', 'with --like: RL-rej tries', numberOption('n', { integer: true, min: 1 }))
    .option('--filter <ref>', 'with --like: RL-rej reference policy, current or base');
}

/** The built-in rule `--like` names, with its options; rule options without `--like` are refused. */
export function likeReference(opts: LikeOptions, method: string | undefined): UpdateRule | undefined {
  const given = LIKE_PARAMS.filter((k) => opts[k] !== undefined);
  if (opts.like === undefined) {
    if (given.length > 0) throw new UsageError(`--${given[0]} needs --like NAME (the built-in rule it configures)`);
    return undefined;
  }
  if (method === undefined) throw new UsageError('--like compares a rule of yours with a built-in: give it with --method FILE');
  return ruleFromOptions({ ...opts, method: opts.like } as TrainOptions);
}

/** The options of a `--like` check as replay arguments (`--like grpo --group 8`). */
export function likeArguments(opts: LikeOptions): string[] {
  if (opts.like === undefined) return [];
  return ['--like', opts.like, ...LIKE_PARAMS.flatMap((k) => (opts[k] === undefined ? [] : [`--${k}`, String(opts[k])]))];
}

/** Support-logit increments `theta(next) - theta(policy)` in decimals; throws where `next` lacks one. */
function increments(what: string, policy: Policy, next: Policy): { at: string; x: Dec }[] {
  return policy.logits.flatMap((k, l) =>
    k.flatMap((row, u) =>
      row.flatMap((x, v) => {
        if (x === null) return [];
        const y = next?.logits?.[l]?.[u]?.[v];
        if (!Decimal.isDecimal(y) || !y.isFinite()) throw new Error(`${what} returned no finite logit at ${l}/${u}/${v}`);
        return [{ at: `${l}/${u}/${v}`, x: new D(y).minus(x) }];
      }),
    ),
  );
}

/** Clause 1: the exact steps agree up to floating-point precision; throws with both steps and the gap. */
export function checkSameExactStep(user: UpdateRule, reference: UpdateRule, policy: Policy, ctx: ReturnType<typeof trainContext>): void {
  const yours = increments(`${user.name}.exactStep`, policy, user.exactStep(policy, ctx));
  const theirs = increments(`${reference.name}.exactStep`, policy, reference.exactStep(policy, ctx));
  const scale = Decimal.max(reference.sampledBounds?.range ?? 0, ...yours.map((e) => e.x.abs()), ...theirs.map((e) => e.x.abs()));
  const tolerance = scale.times(FLOAT_TOLERANCE);
  const j = yours.findIndex((e, i) => e.x.minus(theirs[i].x).abs().gt(tolerance));
  if (j < 0) return;
  const show = (xs: { at: string; x: Dec }[]) => xs.map((e) => `${e.at} ${e.x.toSignificantDigits(6)}`).join(', ');
  const ratio = theirs[j].x.isZero() ? '' : `, ratio yours/${reference.name} ${yours[j].x.div(theirs[j].x).toSignificantDigits(6)}`;
  throw new Error(
    `exact step differs from ${reference.name}'s at logit ${yours[j].at}: yours ${yours[j].x.toSignificantDigits(8)}, ${reference.name} ${theirs[j].x.toSignificantDigits(8)}, ` +
      `gap ${yours[j].x.minus(theirs[j].x).abs().toSignificantDigits(4)} > ${tolerance.toSignificantDigits(4)} (1e-12 of the largest increment or the sampled range)${ratio}\n` +
      `exact step (yours): ${show(yours)}\nexact step (${reference.name}): ${show(theirs)}`,
  );
}

/** The differential theorem: `user` is the built-in `reference` (see the module doc). */
export function likeTheorem(user: UpdateRule, reference: UpdateRule): Theorem<SampledCase> {
  const params = Object.entries(reference.params).map(([k, v]) => `${k}=${v}`).join(', ');
  return {
    id: `like-${reference.name}/${user.name}`,
    claim: `like-${reference.name}`,
    statement:
      `exactStep = ${reference.name}(${params}).exactStep up to 1e-12 of the largest increment or sampled range, and the mean of ${DRAWS} seeded ` +
      `sampled steps within the empirical-Bernstein bound (delta = 1e-6) of it, on every support logit`,
    hypotheses: [],
    arbitrary: () => sampledCases(),
    property: (c) => {
      const policy = casePolicy(c);
      const ctx = trainContext(c.tmc, 0);
      checkSameExactStep(user, reference, policy, ctx);
      checkSampledMean(user, policy, ctx, c.seed, DRAWS, reference);
    },
    numRuns: 25,
    classify: (c) => [c.logits === null ? 'base policy' : 'random policy'],
  };
}
