import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { paperTmc } from '../paper/reference.ts';
import { easyCots } from './_fixtures/selftest.prop.ts';
import { runTheorem } from './run.ts';
import { makeWitness, readableJson, readWitness, replayWitness, saveWitness, slug, witnessCase, witnessFile, witnessFiles } from './witness.ts';

describe('witness files', () => {
  const fixtures = mkdtempSync(join(tmpdir(), 'tmc-witness-'));
  const found = runTheorem(easyCots, { seed: 3, without: 'H-all-easy', fixtures });
  const w = makeWitness(easyCots, 'H-all-easy', found.counterexample!, { seed: found.seed, path: found.path, quantities: found.error! });

  test('file names: theorem id with / as ., then -- and the hypothesis', () => {
    expect(slug('squeezing/reinforce')).toBe('squeezing.reinforce');
    expect(witnessFile('a/b', 'H-margin(2)', '/f')).toBe('/f/witnesses/a.b--H-margin_2_.json');
  });

  test('a saved witness reads back as the same case, and still shows the hypothesis is needed', () => {
    const { file, changed } = saveWitness(w, fixtures);
    expect(changed).toBe(true);
    expect(witnessFiles(fixtures)).toEqual([file]);
    const back = readWitness(file);
    expect(back).toMatchObject({ theorem: 'selftest/easy-cots', hypothesis: 'H-all-easy', case: { task: '0' }, size: { layers: 2, widths: [1, 2] } });
    expect(witnessCase(easyCots, back).tmc.spec).toEqual(found.counterexample!.tmc.spec);
    expect(replayWitness(easyCots, back)).toEqual([]);
    expect(saveWitness({ ...w, seed: 99 }, fixtures).changed).toBe(false);
  });

  test('the saved witness runs first in the next search, so the file stays as it is', () => {
    const again = runTheorem(easyCots, { seed: 11, without: 'H-all-easy', fixtures });
    expect(again.savedCase).toBe(true);
    expect(saveWitness(makeWitness(easyCots, 'H-all-easy', again.counterexample!, { quantities: again.error! }), fixtures).changed).toBe(false);
  });

  test('replay reports a witness that no longer breaks the claim, or breaks other hypotheses', () => {
    const allEasy = { ...w, tmc: { ...w.tmc, easy: [[[true, true]]] } };
    expect(replayWitness(easyCots, allEasy)).toEqual(['the case now satisfies H-all-easy', 'the claim now holds on the case']);
    const paper = { ...w, tmc: paperTmc().spec };
    expect(replayWitness(easyCots, paper)).toEqual(['the case breaks other hypotheses too: H-tree']);
    expect(replayWitness(easyCots, { ...w, hypothesis: 'H-gone' })).toEqual(['theorem selftest/easy-cots has no hypothesis H-gone']);
  });

  test('a malformed witness file is an error naming the file', () => {
    const file = join(fixtures, 'bad.json');
    writeFileSync(file, '{"theorem": "x"}');
    expect(() => readWitness(file)).toThrow(/bad\.json: witness file lacks "hypothesis"/);
  });

  test('readable JSON keeps short values on one line and parses back to the same value', () => {
    const text = readableJson(w);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(w)));
    expect(text).toContain('"kernels": [[["1/3", "2/3"]]]');
    expect(readFileSync(witnessFile(w.theorem, w.hypothesis, fixtures), 'utf8')).toBe(`${text}\n`);
  });
});
