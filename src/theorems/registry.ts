/**
 * The theorem registry. `properties/*.prop.ts` register their theorems and laws on import;
 * `loadProperties()` imports them all, so adding a claim file needs no change anywhere else.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importUserModule } from '../_internals/user-modules.ts';
import { UsageError, thrownMessage } from '../errors.ts';
import type { Law, MethodKind, Theorem } from './theorem.ts';

const theoremsById = new Map<string, Theorem<any>>();
const lawList: { law: Law<any>; builtins: readonly any[] }[] = [];

/** Register a theorem; ids are unique. */
export function registerTheorem(theorem: Theorem<any>): void {
  if (theoremsById.has(theorem.id)) throw new Error(`theorem ${theorem.id} is registered twice`);
  theoremsById.set(theorem.id, theorem);
}

/** Register a law and instantiate it for each built-in method it applies to. */
export function registerLaw<M>(law: Law<M>, builtins: readonly M[]): void {
  lawList.push({ law, builtins });
  for (const m of builtins) if (law.appliesTo(m)) registerTheorem(law.make(m));
}

/** Every registered theorem, in registration order. */
export function theorems(): Theorem<any>[] {
  return [...theoremsById.values()];
}

/** The laws for a kind of method, for checking a user's method. */
export function lawsFor(kind: MethodKind): Law<any>[] {
  return lawList.filter((e) => e.law.kind === kind).map((e) => e.law);
}

export const PROPERTIES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'properties');

/** Import every `properties/*.prop.ts` (each registers its claims). Idempotent. */
export async function loadProperties(dir = PROPERTIES_DIR): Promise<Theorem<any>[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.prop\.(ts|js)$/.test(f)) // .js in the built package
    .sort();
  for (const f of files) {
    try {
      await importUserModule(join(dir, f));
    } catch (e) {
      // A claim file is user code with --properties: what it throws (even a non-Error) is reported, not a stack trace.
      throw new UsageError(`cannot load claim file ${join(dir, f)}: ${thrownMessage(e).split('\n')[0]}`);
    }
  }
  return theorems();
}
