/**
 * `npm run bench`: time of the exact quantities on growing dense TMCs (L = 4..12 layers, width
 * 2..6), by layer passes (`taskValues`, `coverage`, `cotEntropy`: cost linear in the edges) versus
 * path enumeration (`taskValuesByEnumeration`, and `taskCots`, which lists V_k: cost exponential in
 * L), and the paper table. Enumeration is skipped where its predicted time (extrapolated from the
 * previous size of the same width) exceeds the budget `BENCH_BUDGET_MS` (default 2000) or its CoTs
 * exceed the engine's limit; the prediction is printed instead. Prints the times and the growth
 * ratio per doubling of L and of the width.
 */
import { cotComparison } from '../src/cli/commands/paper-table.ts';
import { textTable } from '../src/cli/format.ts';
import { taskCots } from '../src/exact/correctness.ts';
import { taskValuesByEnumeration } from '../src/exact/enumeration.ts';
import { cotEntropy, coverage } from '../src/exact/metrics.ts';
import { MAX_ENUMERATED_PATHS } from '../src/exact/paths.ts';
import { taskValues } from '../src/exact/values.ts';
import { paperTmc } from '../src/paper/reference.ts';
import { basePolicy } from '../src/policy.ts';
import { denseTmc } from './dense-tmc.ts';
import { showMs, timeMs } from './timing.ts';

const LAYERS = [4, 6, 8, 10, 12];
const WIDTHS = [2, 3, 4, 5, 6];
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 2000);

/** A measured time, or the time predicted for a skipped run. */
type Timing = { readonly ms: number; readonly skipped: false } | { readonly predicted: number; readonly skipped: true };

interface Row {
  readonly layers: number;
  readonly width: number;
  readonly edges: number;
  readonly cots: number;
  /** `taskValues` by layer passes. */
  readonly passes: number;
  /** `coverage` and `cotEntropy`, also by passes. */
  readonly metrics: number;
  readonly enumeration: Timing;
  readonly taskCots: Timing;
}

/**
 * Times `fn` unless its cost, predicted from the last measured run (`cost` units took `ms`) as
 * proportional to `cost`, exceeds the budget or the CoTs exceed the engine's enumeration limit.
 */
function budgeted(fn: () => unknown, cost: number, cots: number, last: { cost: number; ms: number } | null): Timing {
  const predicted = last ? (last.ms * cost) / last.cost : 0;
  if (cots > MAX_ENUMERATED_PATHS || predicted > BUDGET_MS) return { predicted, skipped: true };
  return { ms: predicted > BUDGET_MS / 10 ? timeMs(fn, { minRuns: 1, minMs: 0, warmUp: false }) : timeMs(fn), skipped: false };
}

function measure(): Row[] {
  const rows: Row[] = [];
  for (const width of WIDTHS) {
    let lastEnumeration: { cost: number; ms: number } | null = null;
    let lastCots: { cost: number; ms: number } | null = null;
    for (const layers of LAYERS) {
      const cots = width ** (layers - 1);
      const edges = (layers - 1) * width * width;
      const tmc = denseTmc(layers, width);
      const policy = basePolicy(tmc);
      const passes = timeMs(() => taskValues(policy, 0));
      const metrics = timeMs(() => {
        coverage(policy, 0);
        cotEntropy(policy, 0);
      });
      // Enumerated values filter every CoT for each edge: cost ~ CoTs x edges; listing V_k ~ CoTs.
      const enumeration = budgeted(() => taskValuesByEnumeration(policy, 0), cots * edges, cots, lastEnumeration);
      if (!enumeration.skipped) lastEnumeration = { cost: cots * edges, ms: enumeration.ms };
      const listing = budgeted(() => taskCots(tmc, 0), cots, cots, lastCots);
      if (!listing.skipped) lastCots = { cost: cots, ms: listing.ms };
      rows.push({ layers, width, edges, cots, passes, metrics, enumeration, taskCots: listing });
      process.stderr.write(`L=${layers} width=${width} done\n`);
    }
  }
  return rows;
}

function show(t: Timing): string {
  if (!t.skipped) return showMs(t.ms);
  return t.predicted > 0 ? `skipped (~${showMs(t.predicted)})` : 'skipped';
}

/** Time ratio per doubling of the size: (t2/t1)^(1 / log2(size2/size1)). */
function perDoubling(t1: number, t2: number, size1: number, size2: number): string {
  return `x${((t2 / t1) ** (1 / Math.log2(size2 / size1))).toPrecision(3)}`;
}

function main(): void {
  const rows = measure();
  console.log(`Exact quantities on dense TMCs (one task, base policy; mean CPU times); enumeration budget ${BUDGET_MS} ms per size\n`);
  console.log(
    textTable(
      ['L', 'width', 'edges', 'CoTs', 'taskValues (passes)', 'by enumeration', 'enumeration / passes', 'coverage+entropy (passes)', 'taskCots (lists V_k)'],
      rows.map((r) => [
        String(r.layers),
        String(r.width),
        String(r.edges),
        String(r.cots),
        showMs(r.passes),
        show(r.enumeration),
        r.enumeration.skipped ? '-' : `x${(r.enumeration.ms / r.passes).toPrecision(3)}`,
        showMs(r.metrics),
        show(r.taskCots),
      ]),
    ),
  );

  const growth: string[][] = [];
  for (const width of WIDTHS) {
    const mine = rows.filter((r) => r.width === width);
    const [first, last] = [mine[0], mine[mine.length - 1]];
    const measured = mine.filter((r) => !r.enumeration.skipped);
    const e1 = measured[0];
    const e2 = measured[measured.length - 1];
    growth.push([
      `width ${width}`,
      `${perDoubling(first.passes, last.passes, first.layers, last.layers)} (L ${first.layers} -> ${last.layers})`,
      e1 === e2 || e1.enumeration.skipped || e2.enumeration.skipped
        ? '-'
        : `${perDoubling(e1.enumeration.ms, e2.enumeration.ms, e1.layers, e2.layers)} (L ${e1.layers} -> ${e2.layers})`,
    ]);
  }
  console.log('\nGrowth of the time per doubling of L\n');
  console.log(textTable(['', 'taskValues (passes)', 'by enumeration'], growth));
  const at = (layers: number, width: number) => rows.find((r) => r.layers === layers && r.width === width)!;
  const widthGrowth = [[2, 4], [3, 6]].map(([w1, w2]) => {
    const [a, b] = [at(6, w1), at(6, w2)];
    const enumeration = a.enumeration.skipped || b.enumeration.skipped ? '-' : perDoubling(a.enumeration.ms, b.enumeration.ms, w1, w2);
    return [`width ${w1} -> ${w2} at L 6`, perDoubling(a.passes, b.passes, w1, w2), enumeration];
  });
  console.log('\nGrowth of the time per doubling of the width\n');
  console.log(textTable(['', 'taskValues (passes)', 'by enumeration'], widthGrowth));

  const tmc = paperTmc();
  const reference = timeMs(() => tmc.tasks.forEach((_, k) => taskCots(tmc, k)));
  const table = timeMs(() => cotComparison());
  console.log(
    `\nPaper table: taskCots on the reference TMC (2 tasks, 8 CoTs) ${showMs(reference)}; ` +
      `the whole table (reading the fixtures, comparing with the reported values) ${showMs(table)}`,
  );
  const largest = rows[rows.length - 1];
  const enumerated = rows.filter((r) => !r.enumeration.skipped);
  const biggest = enumerated.reduce((a, b) => (b.cots > a.cots ? b : a));
  console.log(
    `Largest size L=${largest.layers} width=${largest.width} (${largest.cots} CoTs): taskValues by passes ${showMs(largest.passes)}, ` +
      `enumeration ${show(largest.enumeration)}. Largest enumerated: L=${biggest.layers} width=${biggest.width} ` +
      `(${biggest.cots} CoTs): passes ${showMs(biggest.passes)}, enumeration ${show(biggest.enumeration)}.`,
  );
}

main();
