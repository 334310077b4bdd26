/**
 * # The dynamics plot as a standalone SVG (vega, rendered headless)
 *
 * One panel per series (the trained task's hard-CoT mass, each other task's valid mass), one line
 * per method, shared step axis and method colours. Built as a Vega spec and rendered by a `View`
 * with renderer `none` and `toSVG()`: no browser, no canvas.
 */
// Types only at load: vega costs ~0.18 s to import, paid by `plot` alone (see dynamicsSvg).
import type * as vega from 'vega';
import type { DynamicsRow } from './dynamics.ts';

const WIDTH = 560;
const PANEL = 220;
const GAP = 70;

export interface PlotLabels {
  readonly title: string;
  readonly task: string;
  readonly others: readonly string[];
}

/** Vega spec of the dynamics plot. Values are plotted as floats; the CSV keeps the exact digits. */
export function dynamicsSpec(rows: readonly DynamicsRow[], labels: PlotLabels): vega.Spec {
  const panels = [
    { title: `hard-CoT mass of ${labels.task}`, value: (r: DynamicsRow) => r.hard },
    ...labels.others.map((name, i) => ({ title: `valid mass of ${name}`, value: (r: DynamicsRow) => r.others[i] })),
  ];
  const data: vega.Data[] = panels.map((p, i) => ({
    name: `panel${i}`,
    values: rows.map((r) => ({ method: r.method, step: r.step, value: p.value(r).toNumber() })),
  }));
  const methods = [...new Set(rows.map((r) => r.method))];
  const marks: vega.Mark[] = panels.map((p, i) => ({
    type: 'group',
    encode: { enter: { y: { value: i * (PANEL + GAP) }, width: { value: WIDTH }, height: { value: PANEL } } },
    title: { text: p.title, anchor: 'start', fontSize: 13 },
    scales: [{ name: 'y', type: 'linear', domain: { data: `panel${i}`, field: 'value' }, range: [PANEL, 0], zero: true, nice: true }],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'exact step', grid: true },
      { orient: 'left', scale: 'y', grid: true, format: '.3~g' },
    ],
    marks: [
      {
        type: 'group',
        from: { facet: { name: `series${i}`, data: `panel${i}`, groupby: 'method' } },
        marks: [
          {
            type: 'line',
            from: { data: `series${i}` },
            encode: {
              enter: {
                x: { scale: 'x', field: 'step' },
                y: { scale: 'y', field: 'value' },
                stroke: { scale: 'color', field: 'method' },
                strokeWidth: { value: 2 },
              },
            },
          },
        ],
      },
    ],
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: WIDTH,
    height: panels.length * PANEL + (panels.length - 1) * GAP,
    padding: 16,
    background: 'white',
    title: { text: labels.title, fontSize: 14, offset: 12 },
    data,
    scales: [
      { name: 'x', type: 'linear', domain: { data: 'panel0', field: 'step' }, range: 'width', zero: true },
      { name: 'color', type: 'ordinal', domain: methods, range: 'category' },
    ],
    legends: [{ stroke: 'color', title: 'method', orient: 'right' }],
    marks,
  };
}

/** The plot as an SVG document. */
export async function dynamicsSvg(rows: readonly DynamicsRow[], labels: PlotLabels): Promise<string> {
  const { View, parse } = await import('vega');
  const view = new View(parse(dynamicsSpec(rows, labels)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
