/**
 * A user rule that never returns (for the Ctrl-C test of `tmc check --method`): its exact step
 * loops forever, synchronously. On entering the loop it writes the file named by
 * `TMC_BUSY_LOOP_MARKER`, if set, so a test knows when to press Ctrl-C.
 */
import { writeFileSync } from 'node:fs';
import type { UpdateRule } from '../../methods/update-rule.ts';

const busyLoop: UpdateRule = {
  name: 'busy-loop',
  family: 'rlvr',
  params: {},
  exactStep: () => {
    const marker = process.env.TMC_BUSY_LOOP_MARKER;
    if (marker) writeFileSync(marker, 'looping\n');
    for (;;);
  },
  sampledStep: (policy) => policy,
};

export default busyLoop;
