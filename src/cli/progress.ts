/**
 * A progress bar on stderr for a long command (cli-progress), drawn only when stderr is a terminal:
 * piped or redirected output stays clean.
 */
import cliProgress from 'cli-progress';

/** Run `fn(tick)` with a bar of `total` units; `tick(done)` moves it. Without a terminal, `tick` does nothing. */
export function withProgress<T>(total: number, fn: (tick: (done: number) => void) => T): T {
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(total, 0);
  try {
    return fn((done) => bar?.update(done));
  } finally {
    bar?.stop();
  }
}
