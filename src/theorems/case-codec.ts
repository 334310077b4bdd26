/**
 * # Cases as JSON
 *
 * Witness and regression files store a whole case, not just its TMC, so a replay rebuilds exactly
 * the case that broke the claim. The default codec writes `{tmc: <TmcSpec>, ...other fields}`:
 * a `Tmc` becomes its exact spec, a decimal or a number its decimal string (no float rounding on the
 * way back), arrays and plain objects recurse. Decoding takes each field's type from a template case
 * drawn from the theorem's `arbitrary()`: a field that is a decimal there is read back as a decimal.
 * Theorems whose cases hold anything else supply `encode`/`decode` (src/theorems/theorem.ts).
 */
import fc from 'fast-check';
import { D, Decimal } from '../numeric.ts';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';
import type { Case, EncodedCase, JsonValue, Theorem } from './theorem.ts';

/** True for a validated TMC (built by `tmcFromSpec`). */
export function isTmc(x: unknown): x is Tmc {
  return typeof x === 'object' && x !== null && 'spec' in x && 'kernels' in x && 'widths' in x && 'tasks' in x;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null; // fc.record may draw null-prototype objects
}

function encodeValue(x: unknown, field: string): JsonValue {
  if (isTmc(x)) return x.spec as unknown as JsonValue;
  if (Decimal.isDecimal(x)) return (x as InstanceType<typeof Decimal>).toString();
  if (typeof x === 'number' || typeof x === 'bigint') return String(x);
  if (typeof x === 'string' || typeof x === 'boolean' || x === null) return x;
  if (Array.isArray(x)) return x.map((v, i) => encodeValue(v, `${field}[${i}]`));
  if (isPlainObject(x)) {
    return Object.fromEntries(
      Object.entries(x)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, encodeValue(v, `${field}.${k}`)]),
    );
  }
  throw new TypeError(`case field ${field} (${typeof x}) has no JSON form; give the theorem encode/decode hooks`);
}

/** The default JSON form of a case. */
export function defaultEncode(c: Case): EncodedCase {
  return encodeValue(c, 'case') as unknown as EncodedCase;
}

function decodeLike(template: unknown, json: unknown, field: string): unknown {
  if (template === undefined) return json;
  const fail = (want: string) => new TypeError(`case field ${field}: expected ${want}, got ${JSON.stringify(json)}`);
  if (isTmc(template)) {
    try {
      return tmcFromSpec(json);
    } catch (e) {
      throw new TypeError(`case field ${field}: ${(e as Error).message}`);
    }
  }
  if (Decimal.isDecimal(template)) {
    if (typeof json !== 'string' && typeof json !== 'number') throw fail('a decimal string');
    try {
      return new D(json);
    } catch {
      throw fail('a decimal string');
    }
  }
  if (typeof template === 'number') {
    const n = typeof json === 'string' && json.trim() !== '' ? Number(json) : typeof json === 'number' ? json : NaN;
    if (Number.isNaN(n) && json !== 'NaN') throw fail('a number');
    return n;
  }
  if (typeof template === 'bigint') {
    if (typeof json !== 'string') throw fail('an integer string');
    return BigInt(json);
  }
  if (typeof template === 'string' || typeof template === 'boolean') {
    if (typeof json !== typeof template) throw fail(`a ${typeof template}`);
    return json;
  }
  if (Array.isArray(template)) {
    if (!Array.isArray(json)) throw fail('an array');
    return json.map((v, i) => decodeLike(template[Math.min(i, template.length - 1)], v, `${field}[${i}]`));
  }
  if (isPlainObject(template)) {
    if (!isPlainObject(json)) throw fail('an object');
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, decodeLike(template[k], v, `${field}.${k}`)]));
  }
  return json;
}

const templates = new WeakMap<Theorem<any>, Case>();

/** A case of the theorem's own arbitrary, fixed by seed, that tells the decoder each field's type. */
function template(theorem: Theorem<any>): Case {
  let t = templates.get(theorem);
  if (t === undefined) {
    t = fc.sample(theorem.arbitrary(), { numRuns: 1, seed: 0 })[0] as Case;
    templates.set(theorem, t);
  }
  return t;
}

/** The JSON form of a case of `theorem`. */
export function encodeCase<C extends Case>(theorem: Theorem<C>, c: C): EncodedCase {
  return theorem.encode ? theorem.encode(c) : defaultEncode(c);
}

/** The case of `theorem` that `json` encodes; throws an `Error` naming the field that is wrong. */
export function decodeCase<C extends Case>(theorem: Theorem<C>, json: EncodedCase): C {
  if (theorem.decode) return theorem.decode(json);
  if (!isPlainObject(json) || !('tmc' in json)) throw new TypeError('a saved case must be an object with a "tmc" field');
  return decodeLike(template(theorem), json, 'case') as C;
}
