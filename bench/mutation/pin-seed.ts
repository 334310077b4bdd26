/**
 * Setup file of mutation runs: one fixed seed for fast-check (`fc.configureGlobal`) and for the
 * theorem runner (`TMC_SEED`). @fast-check/vitest writes the seed into each `test.prop` name; with a
 * fresh seed per run the names of the dry run never match a mutant run's filter and Stryker reports
 * 0%. `TMC_MUTATION_SEED` overrides the default.
 */
import fc from 'fast-check';

const seed = Number(process.env.TMC_MUTATION_SEED ?? 20251107);
process.env.TMC_SEED = String(seed);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
