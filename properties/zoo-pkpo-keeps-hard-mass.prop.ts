/**
 * # PKPO keeps hard mass: pass@k never falls and the hard-CoT mass has a floor (SPEC §6 claim 4, §9)
 *
 * ## Main statements
 * - theorem `zoo-pkpo-keeps-hard-mass/pkpo`: the statement of `rejection-preserves` with `n = k - 1`,
 *   along PKPO's exact steps.
 *
 * ## Statement
 * Under H-pass (`pass_k(p) > P_E`, the base policy's `k` tries solve more instances than the easy CoTs
 * alone could), along exact PKPO steps from `p` (`T = ceil(160/eta)`): `pass_k` never falls and the
 * hard-CoT mass stays `>= phi = 1 - (1 - (pass_k(p) - P_E)/P_H)^(1/k) > 0`.
 * Why: PKPO's exact step is `(eta/G) grad pass_k` (theorem zoo-pkpo-pass-at-k-ascent/pkpo), RL-rej's
 * with `n = k - 1` and the step scaled by `k/G`; the floor argument of
 * properties/rejection-preserves.prop.ts needs only the ascent and the bound
 * `pass_k(pi) <= P_E + P_H (1 - (1 - pi(H))^k)`, so the law runs unchanged on PKPO declaring `n = k - 1`.
 *
 * ## Corollaries (proofs/pass-at-k-bounds-hard-mass.proof.ts)
 * The floor follows from the ascent and that bound for any rule, so the law checks the ascent and the
 * proof step the floor (as in rejection-preserves).
 *
 * ## Hypotheses
 * - `H-pass` (as in rejection-preserves). On the paper's TMC it fails for `k = 2` (the floor is not
 *   positive there), yet PKPO keeps 0.057 of hard mass at `t = 1000`, dips to 0.045 near 3000 and
 *   rises again (0.050 at 20 000) toward the hard mass of the pass@2-optimal policy (README,
 *   "The RLVR zoo"); the floor argument does not reach it.
 */
import { rejectionPreserves } from './rejection-preserves.prop.ts';
import { pkpo } from '../src/methods/pkpo.ts';
import { registerTheorem } from '../src/theorems/registry.ts';

// eta 4: PKPO's effective step eta k/G = 1, RL-rej's in its own theorem; T = 40 steps.
const rule = pkpo({ eta: 4 });
const asRejection = { ...rule, params: { ...rule.params, n: Number(rule.params.k) - 1 } };
const law = rejectionPreserves.make(asRejection);

registerTheorem({
  ...law,
  id: `zoo-pkpo-keeps-hard-mass/${rule.name}`,
  claim: 'zoo-pkpo-keeps-hard-mass',
  statement: `PKPO (G = ${rule.params.group}, k = ${rule.params.k}), as RL-rej with n = k - 1: ${law.statement}`,
});
