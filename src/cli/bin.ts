#!/usr/bin/env node
/**
 * The installed `tmc` (built to dist/, started by src/cli/tmc.mjs): plain JavaScript, with tsx registered only when the user
 * names their own code (`--method FILE.ts`, `--properties DIR` of .prop.ts files), which runs in
 * this process.
 */
if (process.argv.some((a) => /^--(method|properties)(=|$)/.test(a))) {
  // The user-module hooks first (`tmc-theorems`, ES-module .ts/.js), so tsx sees the format they set.
  const hooks = '../_internals/register-user-module-hooks.mjs';
  await import(hooks);
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./main.ts');
