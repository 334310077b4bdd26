/** `explain --svg` stays readable on a 5-layer, 3-state TMC: no two edge labels overlap, the CoT list is capped. */
import { describe, expect, test } from 'vitest';
import { tmcFromSpec } from '../tmc-file.ts';
import { MAX_LISTED_COTS, tmcToSvg } from './svg.ts';

const third = ['1/3', '1/3', '1/3'];
const dense = tmcFromSpec({
  kernels: Array.from({ length: 4 }, () => [third, third, third]),
  tasks: [
    { name: 'alpha', start: 0, target: 0 },
    { name: 'beta', start: 1, target: 2 },
  ],
});

describe('SVG of a dense TMC', () => {
  const svg = tmcToSvg(dense);

  test('edge labels do not collide (crossing edges met at the same spot)', () => {
    const boxes = [...svg.matchAll(/<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="14"/g)].map((m) => m.slice(1).map(Number));
    expect(boxes).toHaveLength(4 * 9);
    const collisions = boxes.flatMap((a, i) => boxes.slice(0, i).filter((b) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + 14 && b[1] < a[1] + 14));
    expect(collisions).toEqual([]);
  });

  test(`each task lists at most ${MAX_LISTED_COTS} CoTs and counts the rest`, () => {
    // 27 valid CoTs a task (3^3 middle paths).
    expect(svg.match(/… and 15 more valid CoTs/g)).toHaveLength(2);
    expect(svg.match(/ p\(o\) = /g)).toHaveLength(2 * MAX_LISTED_COTS);
  });
});
