/**
 * # The TMC as a layered graph (shared by the DOT and SVG drawings)
 *
 * States by layer, support edges with their exact probability and easy/hard mark, each edge flagged
 * when it lies on a valid CoT of a shown task, and each task's start and target.
 */
import { taskCots } from '../exact/correctness.ts';
import type { Tmc } from '../tmc.ts';

export interface GraphEdge {
  readonly layer: number;
  readonly from: number;
  readonly to: number;
  /** The probability as written in the TMC (`"10/11"`). */
  readonly label: string;
  readonly easy: boolean;
  /** On a valid CoT of one of the shown tasks. */
  readonly valid: boolean;
}

export interface LayeredGraph {
  readonly widths: readonly number[];
  readonly edges: readonly GraphEdge[];
  /** `marks[l][u]`: "start task1", "target task1", … */
  readonly marks: readonly (readonly string[][])[];
}

/** The graph of `tmc`, valid-CoT edges of `tasks` (default all) flagged. */
export function layeredGraph(tmc: Tmc, tasks: readonly number[] = tmc.tasks.map((_, k) => k)): LayeredGraph {
  const onValid = new Set<string>();
  for (const k of tasks) {
    for (const c of taskCots(tmc, k).cots) c.path.slice(1).forEach((v, i) => onValid.add(`${i}:${c.path[i]}:${v}`));
  }
  const edges: GraphEdge[] = [];
  tmc.kernels.forEach((k, l) =>
    k.forEach((row, u) =>
      row.forEach((p, v) => {
        if (p.gt(0)) {
          const label = String(tmc.spec.kernels[l][u][v]);
          edges.push({ layer: l, from: u, to: v, label, easy: tmc.easy[l][u][v], valid: onValid.has(`${l}:${u}:${v}`) });
        }
      }),
    ),
  );
  const marks = tmc.widths.map((w) => Array.from({ length: w }, () => [] as string[]));
  for (const k of tasks) {
    const t = tmc.tasks[k];
    marks[0][t.start].push(`start ${t.name}`);
    marks[tmc.layers - 1][t.target].push(`target ${t.name}`);
  }
  return { widths: tmc.widths, edges, marks };
}
