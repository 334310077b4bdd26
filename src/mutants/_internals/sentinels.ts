/**
 * The shared shape of a sentinel check: a proof law run against a mutant must fail with a fixed seed
 * and shrink to the case written out (kernels, tasks, other fields, error fragment).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Task, Tmc } from '../../tmc.ts';

export interface Sentinel {
  readonly property: () => fc.IProperty<[{ tmc: Tmc }]>;
  /** The shrunk TMC's kernels and tasks, exactly. */
  readonly witness: { kernels: string[][][]; tasks: Task[] };
  /** The other fields of the shrunk case. */
  readonly caseFields: Record<string, unknown>;
  /** Fragment of the failure message. */
  readonly error: string;
}

/** A task literal for witnesses. */
export const task = (name: string, start: number, target: number): Task => ({ name, start, target });

/** One vitest test per sentinel: fast-check fails with `seed` and shrinks to the written witness. */
export function describeSentinels(title: string, sentinels: Record<string, Sentinel>, seed: number): void {
  describe(title, () => {
    for (const [name, s] of Object.entries(sentinels)) {
      test(name, () => {
        const r = fc.check(s.property(), { seed });
        expect(r.failed).toBe(true);
        const found = r.counterexample![0];
        expect({ kernels: found.tmc.spec.kernels, tasks: found.tmc.spec.tasks }).toEqual(s.witness);
        expect(found).toMatchObject(s.caseFields);
        expect(String(r.errorInstance)).toContain(s.error);
      });
    }
  });
}
