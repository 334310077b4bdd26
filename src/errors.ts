/**
 * User-facing errors. The CLI prints their message (no stack trace) and exits 2; a library caller
 * catches them by type.
 */

/** A TMC file or object that breaks the file format; `field` locates the problem (`kernels[1][0][2]`). */
export class TmcFormatError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly layer?: number,
    readonly row?: number,
  ) {
    const where = [layer !== undefined ? `layer ${layer}` : '', row !== undefined ? `row ${row}` : '']
      .filter(Boolean)
      .join(', ');
    super(`${field}: ${where ? `${where}: ` : ''}${problem}`);
    this.name = 'TmcFormatError';
  }
}

/** Bad arguments or options: an unknown method, a negative beta, a size over the limits. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** True for the errors a user causes, which are reported without a stack trace. */
export function isUserError(error: unknown): error is TmcFormatError | UsageError {
  return error instanceof TmcFormatError || error instanceof UsageError;
}

/** The message of anything thrown, even a non-Error or a value whose `toString` throws (user code). */
export function thrownMessage(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return `a ${typeof e} that cannot be printed`;
  }
}
