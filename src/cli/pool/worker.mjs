// Entry of a theorem-pool worker thread. Loader hooks are per thread, so it registers here what the
// launcher registers: the user-module hooks, then tsx (the sources in a clone, a user's --method
// FILE.ts anywhere); the installed package runs its built tasks.js.
import { existsSync } from 'node:fs';
import '../../_internals/register-user-module-hooks.mjs';
import { register } from 'tsx/esm/api';

register();
const source = new URL('./tasks.ts', import.meta.url);
const { runTask } = await import(existsSync(source) ? source.href : new URL('./tasks.js', import.meta.url).href);
export default runTask;
