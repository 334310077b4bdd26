/** A user rule that never returns (an infinite loop in its step): Ctrl-C must still stop the check. */
import { reinforce } from '../../methods/reinforce.ts';
import type { UpdateRule } from '../../methods/update-rule.ts';

const base = reinforce();
const busy: UpdateRule = {
  ...base,
  name: 'busy',
  exactStep: () => {
    for (;;) {
      // spins without yielding
    }
  },
};

export default busy;
