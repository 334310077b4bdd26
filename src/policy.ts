/**
 * # Tabular softmax policies (SPEC §3)
 *
 * `pi(v|u) = softmax(theta_l[u])_v` over the support of row `u`; logits off the support are `null`
 * (probability 0). This is the paper's linear softmax model with one-hot state features.
 * The base policy is the kernel itself: `theta = log P` on the support.
 */
import { exp } from './_internals/exp.ts';
import { ln } from './_internals/ln.ts';
import { D, ONE, ZERO, type Dec } from './numeric.ts';
import type { Tmc } from './tmc.ts';

export type Logits = readonly (readonly (readonly (Dec | null)[])[])[];
export type Probs = readonly (readonly (readonly Dec[])[])[];

export interface Policy {
  readonly tmc: Tmc;
  /** `logits[l][u][v]`, `null` where the policy puts no mass. */
  readonly logits: Logits;
  /** `probs[l][u][v] = pi(v|u)`. */
  readonly probs: Probs;
}

function softmax(row: readonly (Dec | null)[]): Dec[] {
  let top: Dec | null = null;
  let live = 0;
  for (const x of row) {
    if (x === null) continue;
    live++;
    if (top === null || x.gt(top)) top = x;
  }
  // A row with one support edge (the chains of most trees) needs no arithmetic; a non-finite logit still shows.
  if (live === 1 && top!.isFinite()) return row.map((x) => (x === null ? ZERO : ONE));
  const weights = row.map((x) => (x === null ? ZERO : exp(x.minus(top!))));
  let total = ZERO;
  for (const w of weights) total = total.plus(w);
  // One division per row: a division costs about three multiplications.
  const inverse = ONE.div(total);
  return weights.map((w) => (w.isZero() ? ZERO : w.times(inverse)));
}

/** The policy with the given logits; every row needs at least one non-null logit. */
export function policyFromLogits(tmc: Tmc, logits: Logits): Policy {
  // Probabilities on first read: a sampled increment is read from the logits alone (conformance law).
  let probs: Probs | undefined;
  return {
    tmc,
    logits,
    get probs() {
      return (probs ??= logits.map((k) => k.map(softmax)));
    },
  };
}

/** The policy with the given probabilities (logits `ln pi`, `null` where `pi = 0`). */
export function policyFromProbs(tmc: Tmc, probs: Probs): Policy {
  const logits = probs.map((k) => k.map((row) => row.map((p) => (p.gt(0) ? ln(p) : null))));
  return { tmc, logits, probs };
}

/** The base (pretrained) policy `pi = P`, with logits `ln P` on the support. */
export function basePolicy(tmc: Tmc): Policy {
  return policyFromProbs(tmc, tmc.kernels);
}

/**
 * `theta + step * direction` on the support of `policy` (entries of `direction` off the support are
 * ignored). `direction` has the shape of the kernels.
 */
export function stepLogits(policy: Policy, direction: Probs, step: Dec | number): Policy {
  const eta = new D(step);
  const logits = policy.logits.map((k, l) =>
    k.map((row, u) => row.map((x, v) => (x === null ? null : x.plus(eta.times(direction[l][u][v]))))),
  );
  return policyFromLogits(policy.tmc, logits);
}

/** An array of zeros with the shape of the kernels (gradients, directions). */
export function zerosLike(tmc: Tmc): Dec[][][] {
  return tmc.kernels.map((k) => k.map((row) => row.map(() => ZERO)));
}

/**
 * `grad_theta log pi(o)` for the tabular softmax: at each step `o_l -> o_{l+1}`, `+1` on the taken
 * edge and `-pi(.|o_l)` on the row (kernel-shaped; zero on rows the path does not visit).
 */
export function logProbGradient(policy: Policy, path: readonly number[]): Dec[][][] {
  const g = zerosLike(policy.tmc);
  addScaledScore(g, policy, path, ONE);
  return g;
}

/**
 * `acc += scale * grad_theta log pi(path)`, in place and on the rows the path visits only (the others
 * would gain 0): a sampled group adds G scores, each touching `L - 1` rows of the whole kernel.
 */
export function addScaledScore(acc: Dec[][][], policy: Policy, path: readonly number[], scale: Dec | number): void {
  const s = new D(scale);
  for (let l = 0; l + 1 < path.length; l++) {
    const u = path[l];
    acc[l][u] = policy.probs[l][u].map((p, v) => acc[l][u][v].plus(s.times((v === path[l + 1] ? ONE : ZERO).minus(p))));
  }
}

/** `a + scale * b`, elementwise on kernel-shaped arrays. */
export function addScaled(a: readonly (readonly (readonly Dec[])[])[], b: Probs, scale: Dec | number): Dec[][][] {
  const s = new D(scale);
  return a.map((k, l) => k.map((row, u) => row.map((x, v) => x.plus(s.times(b[l][u][v])))));
}
