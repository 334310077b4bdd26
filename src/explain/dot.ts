/**
 * # Graphviz DOT of a TMC
 *
 * One rank per layer (left to right), nodes `l:u`; hard edges dashed red, easy edges solid; edges on
 * a valid CoT of a shown task drawn bold. Render with `dot -Tsvg`.
 */
import type { Tmc } from '../tmc.ts';
import { dotString } from '../escape.ts';
import { layeredGraph } from './graph.ts';

function id(l: number, u: number): string {
  return `"${l}:${u}"`;
}

/** DOT text for `tmc`, highlighting the valid CoTs of `tasks` (default all). */
export function tmcToDot(tmc: Tmc, tasks?: readonly number[]): string {
  const g = layeredGraph(tmc, tasks);
  const lines = ['digraph tmc {', '  rankdir=LR;', '  node [shape=circle, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  g.widths.forEach((w, l) => {
    const nodes = Array.from({ length: w }, (_, u) => {
      const marks = g.marks[l][u];
      const label = dotString([String(u), ...marks].join('\n'));
      const shape = marks.length ? ', shape=doublecircle' : '';
      return `${id(l, u)} [label=${label}${shape}];`;
    });
    lines.push(`  subgraph layer${l} { rank=same; ${nodes.join(' ')} }`);
  });
  for (const e of g.edges) {
    const style = [
      `label="${e.label}${e.easy ? '' : ' (hard)'}"`,
      e.easy ? 'color="#333333"' : 'color="#c0392b", fontcolor="#c0392b", style=dashed',
      e.valid ? 'penwidth=2.5' : 'penwidth=1',
    ];
    lines.push(`  ${id(e.layer, e.from)} -> ${id(e.layer + 1, e.to)} [${style.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n');
}
