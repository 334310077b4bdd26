/**
 * Loading a user's method (`--method FILE`): the default export of a TypeScript or JavaScript
 * module (`.ts`, `.mts`, `.js`, `.mjs`, from any folder, with or without a package.json; inside it
 * `import … from 'tmc-theorems'` is this package), or a Python rule (`.py`,
 * src/methods/python-rule.ts).
 *
 * The method is untrusted code. It is read once into a checked copy: its fields are read inside
 * `try` (a Proxy or a getter that throws is a usage error, not a stack trace), its `params` must be
 * an object of numbers and strings, and every call hands it frozen inputs (the TMC, the policy, the
 * context), so it cannot change what the checker compares it against. A method named like a
 * built-in must carry that built-in's parameters, since name-keyed laws read them.
 */
import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { importUserModule } from '../_internals/user-modules.ts';
import { UsageError, thrownMessage } from '../errors.ts';
import { SELECTOR_NAMES, selectorByName } from '../inference/index.ts';
import type { Selector } from '../inference/selector.ts';
import { loadPythonRule } from '../methods/python-rule.ts';
import { RULE_NAMES, ruleByName } from '../methods/index.ts';
import type { RuleFamily, SampledBounds, UpdateRule } from '../methods/update-rule.ts';
import type { MethodKind } from '../theorems/theorem.ts';

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];
const FAMILIES: readonly RuleFamily[] = ['rlvr', 'kl-regularized', 'rejection'];
/** A user's method: the default export of a TypeScript or JavaScript module, or a Python rule. */
export async function loadMethod(file: string): Promise<{ kind: MethodKind; method: UpdateRule | Selector }> {
  const ext = extname(file);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`cannot load method file ${file}: no such file`);
  if (ext === '.py') return { kind: 'update-rule', method: checkedRule(file, await loadPythonRule(file)) };
  if (!EXTENSIONS.includes(ext)) throw new UsageError(`cannot load method file ${file}: expected ${EXTENSIONS.join(', ')} or .py, got "${ext}"`);
  let mod: unknown;
  try {
    mod = await importUserModule(file);
  } catch (e) {
    throw new UsageError(`cannot load method file ${file}: ${thrownMessage(e).split('\n')[0]}`);
  }
  const m = read(file, mod, 'default');
  if ((typeof m !== 'object' && typeof m !== 'function') || m === null) throw new UsageError(`${file}: ${SHAPE}`);
  if (typeof read(file, m, 'exactStep') === 'function') return { kind: 'update-rule', method: checkedRule(file, m) };
  if (typeof read(file, m, 'distribution') === 'function') return { kind: 'selector', method: checkedSelector(file, m) };
  throw new UsageError(`${file}: ${SHAPE}`);
}

const SHAPE = 'its default export must be an UpdateRule (with exactStep) or a Selector (with distribution)';

/** `obj[key]`, a usage error if reading it throws (a Proxy, a getter). */
function read(file: string, obj: unknown, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch (e) {
    throw new UsageError(`${file}: reading the method's "${key}" threw: ${thrownMessage(e)}`);
  }
}

function checkedName(file: string, m: unknown): string {
  const name = read(file, m, 'name');
  if (typeof name !== 'string' || name === '') throw new UsageError(`${file}: the method needs a non-empty string "name"`);
  return name;
}

/** A frozen own copy of `params`: an object of finite numbers and strings. */
function checkedParams(file: string, m: unknown): Readonly<Record<string, number | string>> {
  const params = read(file, m, 'params');
  const want = `the method needs "params", an object of numbers and strings (may be {})`;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new UsageError(`${file}: ${want}, got ${params === null ? 'null' : typeof params}`);
  const copy: Record<string, number | string> = {};
  let keys: string[];
  try {
    keys = Object.keys(params);
  } catch (e) {
    throw new UsageError(`${file}: listing "params" threw: ${thrownMessage(e)}`);
  }
  for (const key of keys) {
    const x = read(file, params, key);
    if (!(typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)))) {
      throw new UsageError(`${file}: params.${key} must be a finite number or a string, got ${typeof x === 'number' ? x : typeof x}`);
    }
    copy[key] = x;
  }
  return Object.freeze(copy);
}

/**
 * A method named like a built-in is taken for it by name-keyed laws: its parameters must be valid
 * for the built-in and name every parameter the built-in has.
 */
function checkBuiltinName(file: string, name: string, params: Readonly<Record<string, number | string>>, builtin: (p: never) => { params: object }): void {
  let reference: { params: object };
  try {
    reference = builtin(params as never);
  } catch (e) {
    throw new UsageError(`${file}: a method named "${name}" must have the built-in ${name}'s parameters: ${thrownMessage(e)}`);
  }
  const missing = Object.keys(reference.params).filter((k) => !Object.hasOwn(params, k));
  if (missing.length > 0) {
    throw new UsageError(`${file}: a method named "${name}" must have the built-in ${name}'s parameters; params lacks ${missing.join(', ')} (or rename it)`);
  }
}

function method(file: string, m: unknown, key: string): (...args: unknown[]) => unknown {
  const f = read(file, m, key);
  if (typeof f !== 'function') throw new UsageError(`${file}: the method's "${key}" must be a function`);
  return f as (...args: unknown[]) => unknown;
}

/** `f(...args)` with `args` frozen; a non-Error thrown becomes an Error naming the call. */
function call<T>(where: string, f: (...args: unknown[]) => unknown, thisArg: unknown, args: unknown[]): T {
  args.forEach(deepFreeze);
  try {
    return f.apply(thisArg, args) as T;
  } catch (e) {
    if (e instanceof Error) throw e;
    throw new Error(`${where} threw ${thrownMessage(e)}`);
  }
}

const frozen = new WeakSet<object>();

/** Freeze arrays and plain objects reachable from `x` (decimals are immutable values already). */
function deepFreeze(x: unknown): void {
  if (typeof x !== 'object' || x === null || frozen.has(x)) return;
  const proto = Object.getPrototypeOf(x);
  if (!Array.isArray(x) && proto !== Object.prototype && proto !== null) return;
  frozen.add(x);
  Object.freeze(x);
  for (const v of Object.values(x)) deepFreeze(v);
}

/** A frozen copy of `sampledBounds` (`range` and `bias` numbers >= 0), if declared. */
function checkedBounds(file: string, bounds: unknown): SampledBounds | undefined {
  if (bounds === undefined) return undefined;
  if (typeof bounds !== 'object' || bounds === null) throw new UsageError(`${file}: "sampledBounds" must be an object { range?, bias? }`);
  const out: { range?: number; bias?: number } = {};
  for (const key of ['range', 'bias'] as const) {
    const x = read(file, bounds, key);
    if (x === undefined) continue;
    if (typeof x !== 'number' || !(x >= 0)) throw new UsageError(`${file}: sampledBounds.${key} must be a number >= 0, got ${typeof x === 'number' ? x : typeof x}`);
    out[key] = x;
  }
  return Object.freeze(out);
}

function checkedRule(file: string, m: unknown): UpdateRule {
  const name = checkedName(file, m);
  const family = read(file, m, 'family');
  if (!FAMILIES.includes(family as RuleFamily)) {
    throw new UsageError(`${file}: an UpdateRule's "family" must be ${FAMILIES.join(', ')}, got ${JSON.stringify(family) ?? typeof family}`);
  }
  const params = checkedParams(file, m);
  if (RULE_NAMES.includes(name)) checkBuiltinName(file, name, params, (p) => ruleByName(name, p));
  const bounds = checkedBounds(file, read(file, m, 'sampledBounds'));
  const exact = method(file, m, 'exactStep');
  const sampled = method(file, m, 'sampledStep');
  return Object.freeze({
    name,
    family: family as RuleFamily,
    params,
    ...(bounds ? { sampledBounds: bounds } : {}),
    exactStep: (policy, ctx) => call(`${name}.exactStep`, exact, m, [policy, ctx]),
    sampledStep: (policy, ctx, rng) => call(`${name}.sampledStep`, sampled, m, [policy, ctx, rng]),
  } satisfies UpdateRule);
}

function checkedSelector(file: string, m: unknown): Selector {
  const name = checkedName(file, m);
  const params = checkedParams(file, m);
  if (SELECTOR_NAMES.includes(name)) checkBuiltinName(file, name, params, (p) => selectorByName(name, p));
  const distribution = method(file, m, 'distribution');
  const sample = method(file, m, 'sample');
  return Object.freeze({
    name,
    params,
    distribution: (tmc, k) => call(`${name}.distribution`, distribution, m, [tmc, k]),
    sample: (tmc, k, rng) => call(`${name}.sample`, sample, m, [tmc, k, rng]),
  } satisfies Selector);
}

/**
 * True when a `--method` value names a file of the user's (a path, or a method file's extension)
 * rather than a built-in: `train`, `infer` and `plot dynamics` accept either.
 */
export function isMethodFile(value: string): boolean {
  return value.includes('/') || [...EXTENSIONS, '.py'].includes(extname(value));
}

/** The update rule in `file` (a selector there is a usage error). */
export async function loadRule(file: string): Promise<UpdateRule> {
  const { kind, method } = await loadMethod(file);
  if (kind !== 'update-rule') throw new UsageError(`${file}: expected an UpdateRule (with exactStep), got a Selector`);
  return method as UpdateRule;
}

/** The selector in `file` (an update rule there is a usage error). */
export async function loadSelector(file: string): Promise<Selector> {
  const { kind, method } = await loadMethod(file);
  if (kind !== 'selector') throw new UsageError(`${file}: expected a Selector (with distribution), got an UpdateRule`);
  return method as Selector;
}
