/**
 * # Comb TMCs: a spine with one-edge detours (the squeezing-rate family)
 *
 * The spine is state 0 of every layer, ending at the target (state 0 of the last layer). Spine state
 * `l` either has one detour edge (weight `detour[l] >= 1` against the spine's `spine[l]`, so out-degree
 * 2) or none; a detour walks a chain of fresh states to the last layer, ending at the target (a valid
 * CoT that leaves the spine once and has no further choice) or at the shared wrong answer (state 1 of
 * the last layer; the last spine row's detour always does). It is a tree (H-tree). The spine is made the unique most consistent CoT with
 * `rho(o) <= (3/4) rho*` for every other valid CoT: spine weights are raised from the last layer back,
 * each to the least value that meets the bound (integers only, no filtering). Every TMC has at least
 * one valid detour (`forced`); with `twoValid`, about half have one at each of the first two spine
 * states. Shrinks toward 3 layers, weight-1 rows, the forced detour at layer 0.
 */
import fc from 'fast-check';
import { tmcFromSpec } from '../tmc-file.ts';
import type { Tmc } from '../tmc.ts';

/** `rho(o) / rho*` at most `GAP_NUM / GAP_DEN` for every valid detour. */
const GAP_NUM = 3;
const GAP_DEN = 4;

export interface CombOptions {
  readonly minLayers?: number;
  readonly maxLayers?: number;
  /** Every spine edge strictly above its detour, so the spine is the easy CoT and every detour hard. */
  readonly easySpine?: boolean;
  /**
   * In about half the combs (a drawn boolean, which shrinks to false), valid detours at the first two
   * spine states (so two valid detours on 4 layers; on 3 only the forced one): the case where several
   * CoTs leave the survivor, one comb in seven otherwise, one in four with this.
   */
  readonly twoValid?: boolean;
}

interface RawComb {
  layers: number;
  spine: number[];
  detour: number[];
  valid: boolean[];
  forced: number;
  /** Drawn with the `twoValid` option only. */
  two?: boolean;
}

/** The comb TMC of the raw integers (see the module doc). */
function build(raw: RawComb, easySpine: boolean): Tmc {
  const L = raw.layers;
  const branch = L - 1; // spine states with a kernel row: layers 0..L-2
  // The last spine row has one edge into the target already: its detour can only be wrong.
  const forced = raw.forced % (branch - 1);
  const isForced = (l: number) => l === forced || (raw.two === true && l < 2);
  const detour = raw.detour.slice(0, branch).map((w, l) => (isForced(l) ? Math.max(w, 1) : w));
  const valid = raw.valid.slice(0, branch).map((v, l) => (v || isForced(l)) && l < branch - 1);
  const spine = raw.spine.slice(0, branch).map((w, l) => (easySpine ? Math.max(w + 1, detour[l] + 1) : w + 1));
  // From the back: with prod_{m>l} s_m = num/den, a valid detour at l needs detour_l / spine_l <= (3/4) num/den.
  let num = 1;
  let den = 1;
  for (let l = branch - 1; l >= 0; l--) {
    if (detour[l] > 0 && valid[l]) spine[l] = Math.max(spine[l], Math.ceil((GAP_DEN * detour[l] * den) / (GAP_NUM * num)));
    num *= spine[l];
    den *= spine[l] + detour[l];
  }
  // Layer m's states: the spine (0), then one chain state per detour still walking (started at l < m).
  const chains: number[][] = Array.from({ length: L }, () => []); // chains[m]: detour layers walking at m
  for (let l = 0; l < branch; l++) if (detour[l] > 0) for (let m = l + 1; m < L - 1; m++) chains[m].push(l);
  const wrong = detour.some((w, l) => w > 0 && !valid[l]);
  const width = (m: number) => (m === L - 1 ? (wrong ? 2 : 1) : 1 + chains[m].length);
  const slot = (m: number, l: number) => 1 + chains[m].indexOf(l); // the chain state of detour l at layer m
  const kernels = Array.from({ length: L - 1 }, (_, m) => {
    const rows = Array.from({ length: width(m) }, () => Array.from({ length: width(m + 1) }, () => '0'));
    const end = (l: number) => (m + 1 === L - 1 ? (valid[l] ? 0 : 1) : slot(m + 1, l));
    const total = spine[m] + detour[m];
    rows[0][0] = detour[m] > 0 ? `${spine[m]}/${total}` : '1';
    if (detour[m] > 0) rows[0][end(m)] = `${detour[m]}/${total}`;
    for (const l of chains[m]) rows[slot(m, l)][end(l)] = '1';
    return rows;
  });
  return tmcFromSpec({ kernels, tasks: [{ name: 'task1', start: 0, target: 0 }] });
}

/** Random comb TMCs (3-4 layers by default). */
export function combArbitrary({ minLayers = 3, maxLayers = 4, easySpine = false, twoValid = false }: CombOptions = {}): fc.Arbitrary<Tmc> {
  const n = maxLayers - 1;
  const ints = (max: number) => fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n });
  // Only with the option is `two` drawn: the other callers' cases stay as they were, seed for seed.
  const raw: fc.Arbitrary<RawComb> = fc.record({
    layers: fc.integer({ min: minLayers, max: maxLayers }),
    spine: ints(3),
    detour: ints(3),
    valid: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    forced: fc.integer({ min: 0, max: n - 1 }),
    ...(twoValid ? { two: fc.boolean() } : {}),
  });
  return raw.map((r) => build(r, easySpine));
}
