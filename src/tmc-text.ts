/**
 * A TMC as a few lines a person can read: how fast-check prints a counterexample.
 * Each kernel row lists `v:P` for support edges; a hard edge is marked `!`.
 */
import type { Tmc } from './tmc.ts';

export function describeTmc(tmc: Tmc): string {
  const tasks = tmc.tasks.map((t) => `${t.name}: ${t.start}->${t.target}`).join(', ');
  const lines = [`TMC L=${tmc.layers} widths [${tmc.widths.join(',')}] tasks {${tasks}}`];
  tmc.spec.kernels.forEach((k, l) => {
    const rows = k.map((row, u) => {
      const edges = row
        .map((p, v) => (tmc.kernels[l][u][v].gt(0) ? `${v}:${p}${tmc.easy[l][u][v] ? '' : '!'}` : ''))
        .filter(Boolean);
      return `${u}->{${edges.join(' ')}}`;
    });
    lines.push(`  layer ${l}: ${rows.join('  ')}`);
  });
  return lines.join('\n');
}
