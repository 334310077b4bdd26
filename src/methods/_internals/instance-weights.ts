/**
 * Path weights averaged over enumerated question instances, `w(o) = E_Q[R_Q(o) f(c_Q)]` for any `f`;
 * kept here for user group rules. The built-in rules use the moment recursions of
 * src/exact/instance-moments.ts, which reach `MAX_INSTANCE_COTS` valid CoTs.
 */
export { instanceWeights } from '../../exact/instances.ts';
