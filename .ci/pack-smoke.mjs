// The package as a user gets it: `npm pack`, install the tarball into a fresh project (dependencies
// from the npm cache that `npm ci` filled, so this works offline), then under plain node import the
// public entry point and run the installed `tmc`; nothing may be written inside node_modules.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'tmc-pack-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

/** Every file under `dir` with its size and mtime, to see that a run wrote nothing there. */
function snapshot(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => `${f} ${statSync(f).size} ${statSync(f).mtimeMs}`)
    .sort()
    .join('\n');
}

try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', work], root).trim().split('\n').pop();
  const project = join(work, 'project');
  run('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', version: '1.0.0', type: 'module', private: true }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], project);
  writeFileSync(join(project, 'use.mjs'), "import { groupRule, reinforce } from 'tmc-theorems';\nif (typeof groupRule !== 'function' || typeof reinforce !== 'function') process.exit(1);\n");
  run(process.execPath, ['use.mjs'], project);
  const installed = join(project, 'node_modules', 'tmc-theorems');
  const before = snapshot(installed);
  const out = run('npx', ['--no-install', 'tmc', 'check', '--theorem', 'squeezing', '--seed', '1'], project);
  if (!/passed, 0 failed/.test(out)) throw new Error(`tmc check in the installed package:\n${out}`);
  if (snapshot(installed) !== before) throw new Error('tmc check wrote inside node_modules/tmc-theorems');
  console.log(`pack smoke: ${tarball} installs, imports under plain node, and runs tmc check without writing into node_modules`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
