#!/usr/bin/env node
// Launcher for `npx tmc`: registers tsx so the TypeScript sources (and a user's --method FILE.ts) run
// without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
