/**
 * Replays every saved witness in fixtures/witnesses/: each must still meet every hypothesis of its
 * theorem but the one it goes without, and still break the claim. A failure here means a method
 * regressed, a hypothesis predicate changed, or the witness is stale (re-run `tmc necessity`).
 */
import { basename } from 'node:path';
import { expect, test } from 'vitest';
import { loadProperties } from './registry.ts';
import { readWitness, replayWitness, witnessFiles } from './witness.ts';

const theorems = new Map((await loadProperties()).map((t) => [t.id, t]));
const files = witnessFiles();

test('every witness file names a registered theorem', () => {
  const orphans = files.filter((f) => !theorems.has(readWitness(f).theorem)).map((f) => basename(f));
  expect(orphans).toEqual([]);
});

test.each(files.map((f) => [basename(f), f]))('witness %s still breaks the claim without its hypothesis alone', (_, file) => {
  const w = readWitness(file);
  const theorem = theorems.get(w.theorem);
  if (!theorem) return; // reported by the test above
  expect(replayWitness(theorem, w)).toEqual([]);
});
