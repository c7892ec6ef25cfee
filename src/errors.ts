/**
 * A mistake in the user's input: a model file, a data file or a command line.
 * The CLI prints `message` without a stack trace and exits with status 2.
 * Anything else that is thrown is a fault of the tool (exit status 1).
 */
export class UserError extends Error {
  /** Every problem found, one line each (the first is also `message`). */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.name = 'UserError';
    this.problems = list;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
