/**
 * Importing a user's module from any folder (`--method FILE`, `--properties DIR`): inside it
 * `import … from 'tmc-theorems'` is this package, and its .ts/.js files load as ES modules when no
 * package.json says otherwise (src/_internals/user-module-hooks.mjs).
 */
import { register } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where `import … from 'tmc-theorems'` goes. */
const ENTRY = new URL('../index.ts', import.meta.url).href;
/** Folders whose files the hooks already cover. */
const hooked = new Set<string>();

/** Let the files under `folder` import `tmc-theorems` and load as ES modules. */
export function allowUserModules(folder: string): void {
  const root = resolve(folder);
  if (hooked.has(root)) return;
  hooked.add(root);
  register('./user-module-hooks.mjs', import.meta.url, { data: { entry: ENTRY, root } });
}

/** Import the user's module `file` (its folder hooked first). */
export function importUserModule(file: string): Promise<unknown> {
  const path = resolve(file);
  allowUserModules(dirname(path));
  return import(pathToFileURL(path).href);
}
