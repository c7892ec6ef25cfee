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

export type KeyPath = (string | number)[];

/**
 * Problems a pure computation found in a model, each at a key path. The edge that read the
 * file turns them into a UserError with file:line:column (it alone knows where keys are).
 */
export class ModelProblems extends Error {
  constructor(readonly problems: readonly { path: KeyPath; message: string }[]) {
    super(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
    this.name = 'ModelProblems';
  }
}

/**
 * The run could not finish, through no fault in the input or in fairshare: a solver that
 * stopped at its time limit or failed. The CLI prints the message and exits with status 1.
 */
export class RuntimeFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeFailure';
  }
}
