// Registers src/_internals/user-module-hooks.mjs; imported before tsx is registered (src/cli/tmc.mjs,
// `node --import` in src/cli/cli-batch.ts), so tsx sees the format the hooks set; or on a user's
// first import (src/_internals/user-modules.ts) when another loader came first. A module runs once.
import { register } from 'node:module';

register('./user-module-hooks.mjs', import.meta.url, { data: { entry: new URL('../index.ts', import.meta.url).href } });
