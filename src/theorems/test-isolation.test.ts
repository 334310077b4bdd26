/**
 * vitest workers keep their modules from file to file (vitest.config.ts), so a test file that loads
 * laws beyond properties/ in-process (the fixtures' selftest laws) must run isolated, or the theorem
 * battery and the inventory of other files would see them. This finds every such file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { registering } from '../../vitest.config.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(path);
    return /\.(test|proof)\.ts$/.test(e.name) ? [relative(ROOT, path)] : [];
  });
}

test('every test file that imports a fixture law or loads another properties folder runs isolated', () => {
  const loading = [...testFiles(join(ROOT, 'src')), ...testFiles(join(ROOT, 'proofs'))].filter((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    return /from '[^']*_fixtures\/[^']*\.prop\.ts'/.test(text) || /loadProperties\(\s*[^)\s]/.test(text);
  });
  expect(loading.sort()).toEqual([...registering].sort());
});
