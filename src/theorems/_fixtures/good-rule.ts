/** A correct user rule for `tmc check --method`: REINFORCE with step 1/2. */
import { reinforce } from '../../methods/reinforce.ts';

export default reinforce({ eta: 0.5 });
