/**
 * A method module that never finishes loading (for the Ctrl-C test of `tmc check --method`): its
 * top level loops forever. Before looping it writes the file named by `TMC_BUSY_LOOP_MARKER`, if set.
 */
import { writeFileSync } from 'node:fs';

const marker = process.env.TMC_BUSY_LOOP_MARKER;
if (marker) writeFileSync(marker, 'looping\n');
for (;;);
