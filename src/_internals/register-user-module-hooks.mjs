// Registers src/_internals/user-module-hooks.mjs; imported before tsx is registered (src/cli/tmc.mjs,
// the installed bin, pool workers, `node --import` in src/cli/cli-batch.ts), so tsx sees the format
// the hooks set; or on a user's first import (src/_internals/user-modules.ts) when another loader
// came first. A module runs once. `tmc-theorems` is the sources' entry in a clone, the built one when installed.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const source = new URL('../index.ts', import.meta.url);
const entry = existsSync(source) ? source : new URL('../index.js', import.meta.url);
register('./user-module-hooks.mjs', import.meta.url, { data: { entry: entry.href } });
