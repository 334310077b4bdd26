/**
 * Run many `tmc` invocations in ONE child Node process, for tests: starting a process with tsx costs
 * about a second of CPU, so the bad-input catalogue and the determinism checks share one each.
 *
 * The child loads src/cli/main.ts afresh for every invocation (a distinct module URL), with
 * `process.argv` set as `tmc ARGS...` would set it and stdout/stderr captured; an uncaught error is
 * reported as Node reports it (its stack on stderr, exit 1). So each invocation runs the code path of
 * `node src/cli/tmc.mjs ARGS...`, with the module state of the engine shared between invocations.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const SELF = fileURLToPath(import.meta.url);
const MAIN = new URL('./main.ts', import.meta.url).href;
/** tsx, resolved from this package, so `cwd` may be any folder (a user's, outside the repository). */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** The user-module hooks, registered before tsx as src/cli/tmc.mjs does. */
const HOOKS = new URL('../_internals/register-user-module-hooks.mjs', import.meta.url).href;

/** Run each argument list as `tmc ...args` from `cwd`, all in one child process. */
export function runCliBatch(invocations: readonly (readonly string[])[], cwd: string): Promise<CliRun[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', HOOKS, '--import', TSX, SELF],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`cli batch failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as CliRun[]);
      },
    );
    child.stdin?.end(JSON.stringify(invocations));
  });
}

/** The child: read the invocations from stdin, run them in turn, print the results as JSON. */
async function runChild(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const invocations = JSON.parse(input) as string[][];
  const { stdout, stderr } = process;
  const realOut = stdout.write.bind(stdout);
  const realErr = stderr.write.bind(stderr);
  const argv = process.argv.slice(0, 1);
  const results: CliRun[] = [];
  for (const [i, args] of invocations.entries()) {
    let out = '';
    let err = '';
    stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof stdout.write;
    stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as typeof stderr.write;
    process.argv = [...argv, 'tmc', ...args];
    process.exitCode = undefined;
    let code: number;
    try {
      await import(`${MAIN}?run=${i}`);
      code = Number(process.exitCode ?? 0);
    } catch (e) {
      err += `${e instanceof Error ? e.stack : String(e)}\n`;
      code = 1;
    }
    stdout.write = realOut;
    stderr.write = realErr;
    results.push({ code, stdout: out, stderr: err });
  }
  process.exitCode = 0;
  realOut(JSON.stringify(results));
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) await runChild();
