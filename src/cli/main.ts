#!/usr/bin/env node
/**
 * The `fairshare` command: a thin layer over the library. A user's mistake prints a message
 * and exits 2; a fault of the tool exits 1 (with the stack when FAIRSHARE_DEBUG is set).
 */
import { Command, CommanderError } from 'commander';
import { isUserError, RuntimeFailure } from '../errors.js';
import { toolVersion } from '../io/files.js';
import { visibleLines } from '../report/visible.js';
import { registerAllocate } from './commands/allocate.js';
import { registerChart } from './commands/chart.js';
import { registerCheck } from './commands/check.js';
import { registerCompare } from './commands/compare.js';
import { registerData } from './commands/data.js';
import { registerExplain } from './commands/explain.js';
import { registerGap } from './commands/gap.js';
import { registerInit } from './commands/init.js';
import { registerSchema } from './commands/schema.js';
import { registerNotebook } from './commands/notebook.js';
import { registerOptimise } from './commands/optimise.js';
import { registerReport } from './commands/report.js';
import { registerSensitivity } from './commands/sensitivity.js';
import { registerSplit } from './commands/split.js';
import { registerValidate } from './commands/validate.js';

export const EXIT_USER_ERROR = 2;
export const EXIT_FAILURE = 1;

export function buildProgram(): Command {
  const program = new Command('fairshare')
    .description('Needs-based funding formulas for community-safety commissioning, reconciled to the penny')
    .version(toolVersion())
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml
  $ fairshare explain models/avon-and-somerset-2025-26.yaml "North Somerset"

Exit status: 0 done; 2 a mistake in the input (the message says where); 1 a fault in fairshare.`,
    )
    .exitOverride();
  registerAllocate(program);
  registerExplain(program);
  registerValidate(program);
  registerSplit(program);
  registerOptimise(program);
  registerSensitivity(program);
  registerCompare(program);
  registerCheck(program);
  registerGap(program);
  registerChart(program);
  registerReport(program);
  registerNotebook(program);
  registerSchema(program);
  registerData(program);
  registerInit(program);
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

/**
 * Node's own warnings (a library's deprecation, an experimental feature) are not the user's
 * business: they are kept off the terminal, and shown only with FAIRSHARE_DEBUG set.
 */
function quietWarnings(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (process.env.FAIRSHARE_DEBUG) process.stderr.write(`fairshare: (debug) ${warning.name}: ${warning.message}\n`);
  });
}

/** A message for the terminal: data in it (names, cells) may hold control characters, shown escaped. */
const say = (text: string) => process.stderr.write(`${visibleLines(text)}\n`);

export async function main(argv: readonly string[]): Promise<number> {
  quietWarnings();
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    // A command that finished its output may still end in failure (check: figures outside the tolerance).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are normal exits; the message is already printed.
      return error.exitCode === 0 ? 0 : EXIT_USER_ERROR;
    }
    if (isUserError(error)) {
      say(`fairshare: ${error.problems.map((p) => p.replaceAll('\n', ' ')).join('\nfairshare: ')}`);
      return EXIT_USER_ERROR;
    }
    if (error instanceof RuntimeFailure) {
      say(`fairshare: ${error.message}`);
      return EXIT_FAILURE;
    }
    const fault = error as Error;
    say(`fairshare: internal error: ${fault.message}`);
    if (process.env.FAIRSHARE_DEBUG) process.stderr.write(`${fault.stack ?? ''}\n`);
    else process.stderr.write('fairshare: this is a fault in fairshare, not in your input; set FAIRSHARE_DEBUG=1 for details\n');
    return EXIT_FAILURE;
  }
}

process.exitCode = await main(process.argv.slice(2));
