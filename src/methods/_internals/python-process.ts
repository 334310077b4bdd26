/**
 * A long-lived Python runner process (python/tmc_runner.py, whose docstring is the protocol) with
 * synchronous requests, for update rules whose steps are synchronous.
 *
 * Implementation notes: a worker thread (python-worker.mjs) owns the child and its pipes; a request
 * posts one JSON line to it, then the main thread sleeps in `Atomics.wait` on a shared counter the
 * worker bumps for every message, and reads messages with `receiveMessageOnPort`. Each request has
 * a deadline: past it the child is killed and the process is broken (every later request fails at
 * once, so a hung Python costs one timeout, not one per shrink step). The child is killed on
 * `close()` and when the checker exits; the runner also exits on its own when its parent dies, so
 * even a SIGKILLed checker leaves no Python behind.
 * (synckit does the same dance but needs a TypeScript loader inside its worker.)
 */
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** The runner script shipped in python/. */
export const RUNNER = fileURLToPath(new URL('../../../python/tmc_runner.py', import.meta.url));
const WORKER = new URL('./python-worker.mjs', import.meta.url);
/**
 * After Ctrl-C reaches Python (a terminal signals the whole process group), how long a request may
 * still take: the main thread blocks in `Atomics.wait` and cannot run the SIGINT handler, so a quick
 * call finishes (and the check stops at its next run, as usual) and a slow one is killed.
 */
const INTERRUPT_GRACE_MS = 1000;

/** How a request failed: the user's Python raised (`raised`), or the process is unusable. */
export class PythonError extends Error {
  constructor(
    message: string,
    /** The runner's error reply when the user's code raised or returned a bad value. */
    readonly raised?: PythonRaised,
  ) {
    super(message);
    this.name = 'PythonError';
  }
}

/** An error reply of the runner: the exception's class and message, the call, the user's last frames. */
export interface PythonRaised {
  readonly type: string;
  readonly message: string;
  /** `import`, `advantage([0, 1])`, `step(...)`; empty when `message` says where. */
  readonly where: string;
  readonly traceback: string;
}

interface Exit {
  readonly code?: number | null;
  readonly signal?: string | null;
  /** Spawn failure: an errno code (`ENOENT`) or a message. */
  readonly error?: string;
  readonly stderr: string;
}

type WorkerMessage = { pid: number } | { line: string } | { exit: Exit };

export interface PythonProcessOptions {
  /** The interpreter (default `python3`). */
  readonly python: string;
  /** Deadline of each request, in milliseconds. */
  readonly timeoutMs: number;
}

export class PythonProcess {
  private readonly port: MessagePort;
  private readonly counter = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private readonly killOnExit = () => this.kill();
  private nextId = 0;
  private pid: number | undefined;
  /** Set once the process cannot serve requests; thrown by every later request. */
  private broken: PythonError | undefined;

  /** Start `python runner.py file`. Spawn failures surface on the first request. */
  constructor(
    readonly file: string,
    private readonly options: PythonProcessOptions,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER, {
      workerData: { command: options.python, args: [RUNNER, file], port: port2, counter: this.counter },
      transferList: [port2],
    });
    this.worker.unref();
    process.once('exit', this.killOnExit);
  }

  /** Send `{op, ...body}` and wait for its reply; throws `PythonError`. */
  request(op: string, body: Record<string, unknown> = {}): unknown {
    if (this.broken) throw this.broken;
    const id = ++this.nextId;
    this.port.postMessage(JSON.stringify({ id, op, ...body }));
    let deadline = Date.now() + this.options.timeoutMs;
    let interrupted = false;
    for (;;) {
      const seen = Atomics.load(this.counter, 0);
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const reply = this.take(received.message as WorkerMessage, id);
        if (reply === 'interrupted') {
          interrupted = true;
          deadline = Math.min(deadline, Date.now() + INTERRUPT_GRACE_MS);
        } else if (reply !== undefined) {
          return reply.result;
        }
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        this.close();
        this.broken = new PythonError(
          interrupted
            ? `interrupted (Ctrl-C) while Python was in ${op}`
            : `${op} did not answer within ${this.options.timeoutMs / 1000} s (set TMC_PYTHON_TIMEOUT to wait longer)`,
        );
        throw this.broken;
      }
      Atomics.wait(this.counter, 0, seen, left);
    }
  }

  /** Handle one worker message; the reply to request `id` when it is one. */
  private take(message: WorkerMessage, id: number): { result: unknown } | 'interrupted' | undefined {
    if ('pid' in message) {
      this.pid = message.pid;
      return undefined;
    }
    if ('exit' in message) {
      this.pid = undefined;
      this.close();
      this.broken = new PythonError(exitMessage(message.exit, this.options.python));
      throw this.broken;
    }
    let reply: { id?: unknown; result?: unknown; error?: PythonRaised; interrupted?: true };
    try {
      reply = JSON.parse(message.line);
    } catch {
      throw (this.broken = new PythonError(`the runner wrote a line that is not JSON: ${message.line.slice(0, 200)}`));
    }
    if (reply.interrupted) return 'interrupted';
    if (reply.id !== id) return undefined;
    if (reply.error) throw new PythonError(`${reply.error.type}: ${reply.error.message}`, reply.error);
    return { result: reply.result };
  }

  private kill(): void {
    for (let m; (m = receiveMessageOnPort(this.port)); ) if ('pid' in m.message) this.pid = m.message.pid;
    if (this.pid === undefined) return;
    try {
      process.kill(this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    this.pid = undefined;
  }

  /** Kill the child and stop the worker; later requests fail. */
  close(): void {
    this.kill();
    this.broken ??= new PythonError('the Python process was closed');
    process.removeListener('exit', this.killOnExit);
    void this.worker.terminate();
  }
}

function exitMessage(exit: Exit, python: string): string {
  if (exit.error === 'ENOENT') return `cannot run ${python}: not found (install Python 3.8+ or set TMC_PYTHON to an interpreter)`;
  if (exit.error) return `cannot run ${python}: ${exit.error}`;
  // Ctrl-C before the runner set its handler up.
  if (exit.signal === 'SIGINT') return 'interrupted (Ctrl-C) while Python was starting';
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const tail = exit.stderr.trim().split('\n').slice(-5).join('\n');
  return `the Python process ${how}${tail ? `; its last output:\n${tail}` : ''}`;
}
