#!/usr/bin/env node
// Launcher for `npx tmc`. In a clone the TypeScript sources beside it run through tsx (no build step;
// a user's --method FILE.ts too), after the hooks that resolve `tmc-theorems` and load a user's .ts/.js
// as ES modules (src/_internals/user-module-hooks.mjs), so that tsx sees the format those set. The
// packed package ships no sources and runs its built JavaScript.
import { existsSync } from 'node:fs';

if (existsSync(new URL('./main.ts', import.meta.url))) {
  await import('../_internals/register-user-module-hooks.mjs');
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
} else {
  await import(new URL('../../dist/src/cli/bin.js', import.meta.url).href);
}
