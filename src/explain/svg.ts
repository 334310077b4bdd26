/**
 * # A standalone SVG drawing of a TMC
 *
 * A layered diagram drawn directly (no browser, no layout engine): one column per layer, states top
 * to bottom, support edges labelled with their exact probability; hard edges dashed red, edges on a
 * valid CoT of a shown task thick. Below the diagram, each shown task's valid CoTs with `p(o)` and
 * `rho(o)`.
 */
import { taskCots } from '../exact/correctness.ts';
import { tableDecimal } from '../cli/format.ts';
import type { Tmc } from '../tmc.ts';
import { layeredGraph } from './graph.ts';
import { xmlText } from '../escape.ts';

const COLUMN = 190;
const ROW = 90;
const RADIUS = 17;
const MARGIN = 40;
const LINE = 17;
/** Rough advance of a 12px sans-serif character, to size label backgrounds and the canvas. */
const CHAR = 7;
/** CoTs listed per task below the drawing; the rest are counted ("… and 40 more"). */
export const MAX_LISTED_COTS = 12;
/** Where along its edge a label may sit, tried in turn until it overlaps no label placed before. */
const LABEL_SPOTS = [0.3, 0.5, 0.7, 0.2, 0.4, 0.6, 0.8];

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const esc = xmlText;

export interface SvgOptions {
  /** Tasks whose valid CoTs are highlighted and listed (default all). */
  readonly tasks?: readonly number[];
  /** Lines printed above the diagram (e.g. which theorem a witness breaks). */
  readonly title?: readonly string[];
}

/** The SVG document for `tmc`. */
export function tmcToSvg(tmc: Tmc, options: SvgOptions = {}): string {
  const tasks = options.tasks ?? tmc.tasks.map((_, k) => k);
  const g = layeredGraph(tmc, tasks);
  const title = options.title ?? [];
  const top = MARGIN + LINE * (title.length + 1);
  const x = (l: number) => MARGIN + 30 + l * COLUMN;
  const y = (u: number) => top + 32 + u * ROW;
  const maxWidth = Math.max(...g.widths);
  const diagramBottom = y(maxWidth - 1) + RADIUS + 2 * LINE + 10;
  const cotLines = tasks.flatMap((k) => {
    const tc = taskCots(tmc, k);
    return [
      `${tc.task.name}: p(V) = ${tableDecimal(tc.pValid)}`,
      ...tc.cots.slice(0, MAX_LISTED_COTS).map((c) => `  ${c.path.join('-')}  ${c.kind}  p(o) = ${tableDecimal(c.p)}  rho = ${tableDecimal(c.rho)}`),
      ...(tc.cots.length > MAX_LISTED_COTS ? [`  … and ${tc.cots.length - MAX_LISTED_COTS} more valid CoTs (tmc inspect lists them all)`] : []),
    ];
  });
  const textWidth = Math.max(0, ...[...title, ...cotLines].map((s) => s.length * CHAR));
  const width = Math.max(x(tmc.layers - 1) + RADIUS + MARGIN + 60, textWidth + 2 * MARGIN);
  const height = diagramBottom + LINE * (cotLines.length + 1) + MARGIN;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    '<defs>',
    '<marker id="easy" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker>',
    '<marker id="hard" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#c0392b"/></marker>',
    '</defs>',
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  title.forEach((t, i) => out.push(`<text x="${MARGIN}" y="${MARGIN + i * LINE}" font-weight="bold">${esc(t)}</text>`));
  out.push(
    `<text x="${MARGIN}" y="${MARGIN + title.length * LINE}" fill="#555">solid: easy step · dashed red: hard step · thick: on a valid CoT</text>`,
  );
  g.widths.forEach((_, l) => out.push(`<text x="${x(l)}" y="${top}" text-anchor="middle" fill="#555">layer ${l}</text>`));
  const labels: string[] = [];
  const placed: Box[] = [];
  for (const e of g.edges) {
    const [x1, y1, x2, y2] = [x(e.layer), y(e.from), x(e.layer + 1), y(e.to)];
    const len = Math.hypot(x2 - x1, y2 - y1);
    const [dx, dy] = [(x2 - x1) / len, (y2 - y1) / len];
    const color = e.easy ? '#333' : '#c0392b';
    const dash = e.easy ? '' : ' stroke-dasharray="6,4"';
    out.push(
      `<line x1="${x1 + dx * RADIUS}" y1="${y1 + dy * RADIUS}" x2="${x2 - dx * RADIUS}" y2="${y2 - dy * RADIUS}" stroke="${color}" stroke-width="${e.valid ? 3 : 1.2}"${dash} marker-end="url(#${e.easy ? 'easy' : 'hard'})"/>`,
    );
    // Crossing edges meet where their labels would: take the first spot along the edge that is free.
    const w = e.label.length * CHAR + 6;
    const boxAt = (t: number): Box => ({ x: x1 + (x2 - x1) * t - w / 2, y: y1 + (y2 - y1) * t - 9, w, h: 14 });
    const t = LABEL_SPOTS.find((spot) => !placed.some((b) => overlaps(b, boxAt(spot)))) ?? LABEL_SPOTS[0];
    placed.push(boxAt(t));
    const [lx, ly] = [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t];
    labels.push(
      `<rect x="${lx - w / 2}" y="${ly - 9}" width="${w}" height="14" fill="white" opacity="0.85"/>`,
      `<text x="${lx}" y="${ly + 2}" text-anchor="middle" fill="${color}">${esc(e.label)}</text>`,
    );
  }
  out.push(...labels);
  g.widths.forEach((w, l) => {
    for (let u = 0; u < w; u++) {
      const marks = g.marks[l][u];
      out.push(
        `<circle cx="${x(l)}" cy="${y(u)}" r="${RADIUS}" fill="${marks.length ? '#eaf2fb' : 'white'}" stroke="#333" stroke-width="${marks.length ? 2 : 1}"/>`,
        `<text x="${x(l)}" y="${y(u) + 4}" text-anchor="middle">${u}</text>`,
      );
      marks.forEach((m, i) =>
        out.push(`<text x="${x(l)}" y="${y(u) + RADIUS + LINE * (i + 1) - 4}" text-anchor="middle" fill="#1f4e79">${esc(m)}</text>`),
      );
    }
  });
  cotLines.forEach((line, i) =>
    out.push(`<text x="${MARGIN}" y="${diagramBottom + LINE * (i + 1)}" xml:space="preserve">${esc(line)}</text>`),
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
