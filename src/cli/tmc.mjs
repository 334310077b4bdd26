#!/usr/bin/env node
// Launcher for `npx tmc`: registers tsx so the TypeScript sources (and a user's --method FILE.ts) run
// without a build step, after the hooks that resolve `tmc-theorems` and load a user's .ts/.js as ES
// modules (src/_internals/user-module-hooks.mjs), so that tsx sees the format those set.
import '../_internals/register-user-module-hooks.mjs';
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
