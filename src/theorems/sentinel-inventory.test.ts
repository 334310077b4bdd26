/**
 * Every registered claim has its clauses listed in docs/sentinels.json (the map behind
 * docs/theorems.md), each with a sentinel, or the reason it has none: a new claim without a sentinel,
 * or a sentinel that names a test which does not run it, fails here. A corollary moved to proofs/ names
 * its proof step, which must exist and be named in the claim's file, and the sentinel that proof step
 * catches (src/mutants/proof-step-sentinels.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PROPERTIES_DIR, loadProperties } from './registry.ts';

interface Sentinel {
  readonly mutant: string;
  readonly test: string;
  /** A string of the test file: the row or title that runs this mutant against this clause. */
  readonly find: string;
}

interface Clause {
  readonly clause: string;
  readonly says: string;
  readonly sentinels?: readonly Sentinel[];
  /** Why no method can fail the clause once the clauses checked before it hold (or it does not read the method). */
  readonly implied?: string;
  /** Why the clause has no sentinel yet. */
  readonly gap?: string;
  /**
   * A corollary moved out of the law: the proof step (proofs/*.proof.ts) that checks it. The law's file
   * still states it, under a "Corollaries (...)" heading that names this file.
   */
  readonly proof?: string;
  /** For a proof step: the change to what it checks (a wrong input, or its bound made stronger) that it must catch. */
  readonly proofSentinel?: Sentinel;
}

const ROOT = join(PROPERTIES_DIR, '..');
const map: Record<string, { file: string; clauses: readonly Clause[] }> = JSON.parse(readFileSync(join(ROOT, 'docs', 'sentinels.json'), 'utf8')).claims;
/** The clauses left without a sentinel, named: a new gap has to be added here too. */
const KNOWN_GAPS: string[] = [];

/** A theorem's claim as listed: its id up to the method (`squeezing/reinforce` -> `squeezing`). */
const claimOf = (id: string) => id.split('/')[0];

test('the map lists exactly the registered claims', async () => {
  const registered = [...new Set((await loadProperties()).map((t) => claimOf(t.id)))].sort();
  expect(Object.keys(map).sort()).toEqual(registered);
});

test.each(Object.entries(map))('%s: every clause has a sentinel or says why not', (claim, { file, clauses }) => {
  expect(existsSync(join(ROOT, file)), file).toBe(true);
  expect(clauses.length).toBeGreaterThan(0);
  expect(clauses.some((c) => (c.sentinels ?? []).length > 0), `${claim} has no sentinel at all`).toBe(true);
  for (const c of clauses) {
    const reasons = [(c.sentinels ?? []).length > 0, Boolean(c.implied), Boolean(c.gap), Boolean(c.proof)].filter(Boolean);
    expect(reasons.length, `${claim} clause ${c.clause}: one of sentinels, implied, gap, proof`).toBe(1);
    if (c.gap) expect(KNOWN_GAPS).toContain(`${claim} ${c.clause}`);
    if (c.proof) {
      expect(c.proof, `${claim} clause ${c.clause}`).toMatch(/^proofs\/[^/]+\.proof\.ts$/);
      expect(existsSync(join(ROOT, c.proof)), c.proof).toBe(true);
      expect(readFileSync(join(ROOT, file), 'utf8'), `${file} states its corollaries`).toContain(`Corollaries (${c.proof})`);
      expect(c.proofSentinel, `${claim} clause ${c.clause}: the proof step's sentinel`).toBeDefined();
    }
    for (const s of [...(c.sentinels ?? []), ...(c.proofSentinel ? [c.proofSentinel] : [])]) {
      const path = join(ROOT, s.test);
      expect(existsSync(path), s.test).toBe(true);
      const text = readFileSync(path, 'utf8');
      expect(text, `${s.test} runs ${s.mutant}`).toContain(s.mutant);
      expect(text, `${s.test} has the row for ${claim} clause ${c.clause}`).toContain(s.find);
    }
  }
});

test('the known gaps are still gaps', () => {
  const gaps = Object.entries(map).flatMap(([claim, { clauses }]) => clauses.filter((c) => c.gap).map((c) => `${claim} ${c.clause}`));
  expect(gaps.sort()).toEqual([...KNOWN_GAPS].sort());
});

test('docs/theorems.md has a section for every claim', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'theorems.md'), 'utf8');
  for (const claim of Object.keys(map)) expect(doc, claim).toContain(`### \`${claim}\``);
});
