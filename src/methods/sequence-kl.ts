/**
 * # Sequence-level KL divergence and its gradient (SPEC §4, GRPO-KL)
 *
 * `KL(pi || q) = sum_o pi(o) ln(pi(o) / q(o))` over the CoTs from a start state, for policies `pi`
 * and `q` on the same TMC. Since `ln(pi(o)/q(o)) = sum_l kappa_l(o_l, o_{l+1})` with
 * `kappa_l(u, v) = ln(pi(v|u) / q(v|u))` is additive over edges, the KL is the expected total of the
 * edge reward `kappa` and, by the score-function identity (`sum_o grad pi(o) = 0`),
 * `grad_theta KL = sum_o pi(o) ln(pi(o)/q(o)) grad log pi(o)`: a policy gradient with reward `kappa`,
 * `d_l(u) pi(v|u) (kappa_l(u,v) + W_{l+1}(v) - W_l(u))`, where `W_l(u) = sum_v pi(v|u) (kappa_l(u,v)
 * + W_{l+1}(v))` (backward pass, `W = 0` on the last layer) and `d` the visit probabilities
 * (forward pass). Cost linear in the edges.
 */
import { UsageError } from '../errors.ts';
import { edge, forwardPass } from '../exact/values.ts';
import { ZERO, type Dec } from '../numeric.ts';
import type { Policy } from '../policy.ts';
import { logProbs } from './_internals/log-probs.ts';

export interface SequenceKl {
  /** `KL(pi || q)` from `start`. */
  readonly kl: Dec;
  /** `grad_theta KL(pi_theta || q)`, kernel-shaped. */
  readonly grad: Dec[][][];
}

/** `KL(pi || q)` over the CoTs from `start` and its gradient in `pi`'s logits. */
export function sequenceKl(pi: Policy, q: Policy, start: number): SequenceKl {
  const { tmc, probs } = pi;
  const d = forwardPass(tmc, start, edge(probs));
  const [lnPi, lnQ] = [logProbs(pi), logProbs(q)];
  const kappa = probs.map((k, l) =>
    k.map((row, u) =>
      row.map((p, v) => {
        if (p.isZero() || d[l][u].isZero()) return ZERO;
        if (q.probs[l][u][v].isZero()) throw new UsageError(`KL(pi || base) is infinite: edge ${u} -> ${v} of layer ${l} has pi > 0 and base 0`);
        return lnPi[l][u][v].minus(lnQ[l][u][v]);
      }),
    ),
  );
  const W: Dec[][] = new Array(tmc.layers);
  W[tmc.layers - 1] = Array.from({ length: tmc.widths[tmc.layers - 1] }, () => ZERO);
  for (let l = tmc.layers - 2; l >= 0; l--) {
    W[l] = probs[l].map((row, u) =>
      d[l][u].isZero() ? ZERO : row.reduce((acc, p, v) => (p.isZero() ? acc : acc.plus(p.times(kappa[l][u][v].plus(W[l + 1][v])))), ZERO),
    );
  }
  const grad = probs.map((k, l) =>
    k.map((row, u) => row.map((p, v) => (p.isZero() || d[l][u].isZero() ? ZERO : d[l][u].times(p).times(kappa[l][u][v].plus(W[l + 1][v]).minus(W[l][u]))))),
  );
  return { kl: W[0][start], grad };
}
