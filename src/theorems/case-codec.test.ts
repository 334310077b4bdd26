import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { tmcArbitrary } from '../arbitraries/tmc.ts';
import { D, type Dec } from '../numeric.ts';
import { paperTmc } from '../paper/reference.ts';
import type { Tmc } from '../tmc.ts';
import { decodeCase, defaultEncode, encodeCase } from './case-codec.ts';
import type { Theorem } from './theorem.ts';

interface Rich {
  tmc: Tmc;
  task: number;
  beta: Dec;
  etas: number[];
  rule: string;
  clip: { on: boolean; eps: Dec };
}

const rich: Theorem<Rich> = {
  id: 'codec/rich',
  claim: 'codec',
  statement: '',
  hypotheses: [],
  arbitrary: () =>
    fc.record({
      tmc: tmcArbitrary({ maxLayers: 3, maxWidth: 2 }),
      task: fc.constant(0),
      beta: fc.integer({ min: 1, max: 9 }).map((n) => new D(n).div(7)),
      etas: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
      rule: fc.constantFrom('a', 'b'),
      clip: fc.record({ on: fc.boolean(), eps: fc.constant(new D('0.2')) }),
    }),
  property: () => true,
  numRuns: 1,
};

describe('case codec', () => {
  test('a case round-trips through JSON text exactly (decimals, floats, nested objects, the TMC)', () => {
    fc.assert(
      fc.property(rich.arbitrary(), (c) => {
        const back = decodeCase(rich, JSON.parse(JSON.stringify(encodeCase(rich, c))));
        expect(back.tmc.spec).toEqual(c.tmc.spec);
        expect(String(back.tmc)).toBe(String(c.tmc));
        expect(back.beta.eq(c.beta)).toBe(true);
        expect(back.beta.toString()).toBe(c.beta.toString());
        expect(back.etas).toEqual(c.etas);
        expect(back.clip.eps.eq(c.clip.eps)).toBe(true);
        expect({ ...back, tmc: 0, beta: 0, clip: { ...back.clip, eps: 0 } }).toEqual({ ...c, tmc: 0, beta: 0, clip: { ...c.clip, eps: 0 } });
      }),
      { numRuns: 25, seed: 1 },
    );
  });

  test('numbers are written as decimal strings and the TMC as its spec', () => {
    const json = defaultEncode({ tmc: paperTmc(), task: 1, beta: new D('0.5') } as never);
    expect(json).toEqual({ tmc: paperTmc().spec, task: '1', beta: '0.5' });
  });

  test('a wrong field is named in the error', () => {
    const c = fc.sample(rich.arbitrary(), { numRuns: 1, seed: 3 })[0];
    const json = { ...encodeCase(rich, c), beta: 'x' };
    expect(() => decodeCase(rich, json)).toThrow(/case\.beta/);
    expect(() => decodeCase(rich, { ...encodeCase(rich, c), etas: 'no' })).toThrow(/case\.etas: expected an array/);
  });

  test('a field without a JSON form asks for encode/decode hooks; hooks are used when given', () => {
    expect(() => defaultEncode({ tmc: paperTmc(), f: () => 1 } as never)).toThrow(/case\.f .*encode\/decode/);
    const hooked: Theorem<{ tmc: Tmc; f: () => number }> = {
      ...(rich as unknown as Theorem<{ tmc: Tmc; f: () => number }>),
      encode: (c) => ({ tmc: c.tmc.spec, f: String(c.f()) }),
      decode: (j) => ({ tmc: paperTmc(), f: () => Number(j.f) }),
    };
    const back = decodeCase(hooked, encodeCase(hooked, { tmc: paperTmc(), f: () => 7 }));
    expect(back.f()).toBe(7);
  });
});
