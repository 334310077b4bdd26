// @ts-check
// The thread that owns a Python runner process for python-process.ts. The main thread blocks on
// `Atomics.wait` while a request is out, so this thread does the I/O: it writes request lines to
// the child's stdin, posts each reply line (and the child's exit) on the port, then bumps and
// notifies the shared counter. Plain JavaScript: a worker cannot rely on a TypeScript loader.
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { workerData } from 'node:worker_threads';

/** @type {{ command: string, args: string[], port: import('node:worker_threads').MessagePort, counter: Int32Array }} */
const { command, args, port, counter } = workerData;
/** How much of the child's stderr a crash report quotes. */
const STDERR_TAIL = 2000;

/** @param {object} message */
function post(message) {
  port.postMessage(message);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
let stderrTail = '';
child.on('spawn', () => post({ pid: child.pid }));
child.on('error', (e) => post({ exit: { error: /** @type {NodeJS.ErrnoException} */ (e).code ?? e.message, stderr: stderrTail } }));
child.on('exit', (code, signal) => post({ exit: { code, signal, stderr: stderrTail } }));
child.stdin.on('error', () => {}); // a dead child is reported by 'exit'
child.stderr.on('data', (chunk) => {
  writeSync(2, chunk); // the user's prints, straight to the checker's stderr
  stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL);
});
createInterface({ input: child.stdout }).on('line', (line) => post({ line }));
port.on('message', (line) => child.stdin.write(`${line}\n`));
