/**
 * Loading a user's method (`--method FILE`): the default export of a TypeScript or JavaScript
 * module, checked to be an `UpdateRule` or a `Selector` before any law runs.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.ts';
import type { Selector } from '../inference/selector.ts';
import { loadPythonRule } from '../methods/python-rule.ts';
import type { UpdateRule } from '../methods/update-rule.ts';
import type { MethodKind } from '../theorems/theorem.ts';

/** A user's method: the default export of a TypeScript or JavaScript module. */
export async function loadMethod(file: string): Promise<{ kind: MethodKind; method: UpdateRule | Selector }> {
  if (file.endsWith('.py')) return { kind: 'update-rule', method: await loadPythonRule(file) };
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(resolve(file)).href);
  } catch (e) {
    const message = (e as Error).message?.split('\n')[0] ?? String(e);
    throw new UsageError(`cannot load method file ${file}: ${message}`);
  }
  const m = mod.default as Record<string, unknown> | undefined;
  const shape = 'its default export must be an UpdateRule (with exactStep) or a Selector (with distribution)';
  if (typeof m !== 'object' || m === null) throw new UsageError(`${file}: ${shape}`);
  if (typeof m.name !== 'string' || m.name === '') throw new UsageError(`${file}: the method needs a non-empty string "name"`);
  if (typeof m.exactStep === 'function') {
    if (!['rlvr', 'kl-regularized', 'rejection'].includes(m.family as string)) {
      throw new UsageError(`${file}: an UpdateRule's "family" must be rlvr, kl-regularized or rejection, got ${JSON.stringify(m.family)}`);
    }
    return { kind: 'update-rule', method: m as unknown as UpdateRule };
  }
  if (typeof m.distribution === 'function') return { kind: 'selector', method: m as unknown as Selector };
  throw new UsageError(`${file}: ${shape}`);
}
