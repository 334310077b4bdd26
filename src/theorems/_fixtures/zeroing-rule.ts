/** A deliberately wrong update rule (for `tmc check --method`): one step deletes every hard edge. */
import { policyFromProbs } from '../../policy.ts';
import { D } from '../../numeric.ts';
import type { UpdateRule } from '../../methods/update-rule.ts';

const zeroing: UpdateRule = {
  name: 'zeroing',
  family: 'rlvr',
  params: {},
  exactStep: (policy) => {
    const { tmc } = policy;
    const probs = policy.probs.map((k, l) =>
      k.map((row, u) => {
        const kept = row.map((p, v) => (tmc.easy[l][u][v] ? p : new D(0)));
        const total = kept.reduce((a, b) => a.plus(b));
        return kept.map((p) => p.div(total));
      }),
    );
    return policyFromProbs(tmc, probs);
  },
  sampledStep: (policy) => policy,
};

export default zeroing;
