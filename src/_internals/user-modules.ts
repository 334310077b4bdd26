/**
 * Importing a user's module from any folder (`--method FILE`, `--properties DIR`): inside it
 * `import … from 'tmc-theorems'` is this package, and its .ts/.js files load as ES modules when no
 * package.json says otherwise (src/_internals/user-module-hooks.mjs). The CLI registers the hooks
 * before tsx (src/cli/tmc.mjs); another caller gets them here, after its own loader, which covers
 * a method in one file but may not see the format of the files it imports.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Import the user's module `file`, the hooks registered first (once per thread: a second import is a no-op). */
export async function importUserModule(file: string): Promise<unknown> {
  await import(new URL('./register-user-module-hooks.mjs', import.meta.url).href);
  return import(pathToFileURL(resolve(file)).href);
}
