/**
 * # The built-in selectors (SPEC §5)
 *
 * `orm-bon` (N), `soft-bon` (N, lambda), `prm-bon`, `dprm-bon` (lambda), `dprm-as` (lambda); each also
 * takes `start` (`task` | `uniform`). The paper's procedures are named variants beside them:
 * `orm-bon-top-k` (N, keep), `soft-bon-distinct` (N, lambda), `dprm-as-without-base` (lambda).
 */
import { UsageError } from '../errors.ts';
import { dprmAs, dprmAsWithoutBase } from './dprm-as.ts';
import { dprmBon } from './dprm-bon.ts';
import { ormBon, ormBonTopK } from './orm-bon.ts';
import { prmBon } from './prm-bon.ts';
import type { Selector } from './selector.ts';
import { softBon, softBonDistinct } from './soft-bon.ts';
import type { StartMode } from './_internals/draws.ts';

export type { Selector, SelectedCot } from './selector.ts';
export type { StartMode } from './_internals/draws.ts';
export { dprmAs, dprmAsWithoutBase, dprmBon, ormBon, ormBonTopK, prmBon, softBon, softBonDistinct };

/** The five selectors of SPEC §5 with default parameters (N = 8, lambda = 1, start at the task). */
export function builtinSelectors(): Selector[] {
  return [ormBon(), softBon(), prmBon(), dprmBon(), dprmAs()];
}

export interface SelectorParams {
  readonly n?: number;
  readonly lambda?: number;
  readonly keep?: number;
  readonly start?: StartMode;
  readonly rewardTask?: number;
}

const FACTORIES: Record<string, (p: SelectorParams) => Selector> = {
  'orm-bon': (p) => ormBon(p),
  'soft-bon': (p) => softBon(p),
  'prm-bon': (p) => prmBon(p),
  'dprm-bon': (p) => dprmBon(p),
  'dprm-as': (p) => dprmAs(p),
  'orm-bon-top-k': (p) => ormBonTopK({ ...p, keep: p.keep ?? 1 }),
  'soft-bon-distinct': (p) => softBonDistinct(p),
  'dprm-as-without-base': (p) => dprmAsWithoutBase(p),
};

/**
 * A selector's name, with the parameters that differ from its defaults in brackets
 * (`dprm-as[lambda=40]`): theorem ids of laws instantiated for several parameter choices.
 */
export function selectorLabel(s: Selector): string {
  const defaults = Object.hasOwn(FACTORIES, s.name) ? FACTORIES[s.name]({}).params : {};
  const changed = Object.entries(s.params).filter(([k, v]) => defaults[k] !== v);
  return changed.length === 0 ? s.name : `${s.name}[${changed.map(([k, v]) => `${k}=${v}`).join(',')}]`;
}

/** Names `selectorByName` accepts. */
export const SELECTOR_NAMES: readonly string[] = Object.keys(FACTORIES);

/** The selector called `name` with `params` (those it does not use are ignored). */
export function selectorByName(name: string, params: SelectorParams = {}): Selector {
  // Own properties only: `constructor` or `toString` must not find Object.prototype's.
  const make = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (!make) throw new UsageError(`unknown selector ${JSON.stringify(name)}; known: ${SELECTOR_NAMES.join(', ')}`);
  return make(params);
}
