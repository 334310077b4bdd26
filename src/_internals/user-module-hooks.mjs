// Module-resolution hooks for a user's files, --method and --properties (registered by src/cli/tmc.mjs
// before tsx, so tsx sees the format they set; plain JavaScript because hooks run in their own thread).
// - `tmc-theorems` resolves to this package's public entry (`data.entry`), from any folder.
// - A .ts or .js file outside node_modules whose nearest package.json sets no "type" (or that has
//   none) is loaded as an ES module: without it tsx takes it for CommonJS and its `import` of an
//   ES module fails ("Cannot require() ES Module … in a cycle").
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let entry;

export function initialize(data) {
  entry = data.entry;
}

/** The "type" of the nearest package.json above `file`, or undefined. */
function packageType(file) {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return JSON.parse(readFileSync(pkg, 'utf8')).type;
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export async function resolve(specifier, context, next) {
  if (specifier === 'tmc-theorems') return { url: entry, format: 'module', shortCircuit: true };
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith('file:')) return resolved;
  const file = fileURLToPath(resolved.url); // without the query tsx may add
  if (!/\.(ts|js)$/.test(file) || file.includes('/node_modules/')) return resolved;
  return packageType(file) === undefined ? { ...resolved, format: 'module' } : resolved;
}
