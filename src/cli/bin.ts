#!/usr/bin/env node
/**
 * The installed `tmc` (built to dist/, started by src/cli/tmc.mjs): plain JavaScript, with tsx registered only when the user
 * names their own code (`--method FILE.ts`, `--properties DIR` of .prop.ts files), which runs in
 * this process.
 */
if (process.argv.some((a) => /^--(method|properties)(=|$)/.test(a))) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./main.ts');
