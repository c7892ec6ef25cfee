/** What the commands share: the --set option, output options, scenarios, and where output goes. */
import { Option, type Command } from 'commander';
import { isUserError, UserError } from '../errors.js';
import { writeFileSet } from '../io/files.js';
import { visibleLines } from '../report/visible.js';
import { formatHelp, publish, type PublishOptions } from '../io/outputs.js';
import { resolveScenario, type ResolvedModel } from '../io/scenario.js';
import { parseOverride, type Override } from '../model/load.js';
import type { AnyResultJson } from '../results/index.js';

/** The repeatable `--set key.path=value` option. */
export function setOption(): Option {
  return new Option('--set <key.path=value>', 'override a model key for this run, without editing the file (repeatable); a number may be relative: pot.total=-5% or *0.95')
    .argParser((value: string, previous: string[]) => [...previous, value])
    .default([]);
}

export function overridesFrom(options: { set: string[] }): Override[] {
  return options.set.map(parseOverride);
}

/** --format, --out, and (for results that have charts) --chart and --chart-kind. */
export function addOutputOptions(command: Command, charts: readonly string[] = []): Command {
  command.option('--format <format>', formatHelp()).option('--out <file>', 'write to this file instead of the terminal (with any other files of the run: all or none)');
  if (charts.length > 0) {
    command
      .option('--chart <file>', 'also draw a chart: FILE.svg, FILE.png or FILE.vl.json (a Vega-Lite spec); its alt text goes beside it in FILE.alt.txt')
      .option('--chart-kind <kind>', `which chart: ${charts.join(', ')} (default: ${charts[0]})`);
  }
  return command;
}

/** Say what was written, in one line on stderr (the terminal output itself goes to stdout). */
export function said(line: string): void {
  if (line) process.stderr.write(`fairshare: ${visibleLines(line)}\n`);
}

/** Write a result as asked (see io/outputs.ts), and say what was written. */
export async function publishResult(json: AnyResultJson, options: PublishOptions, others: ReadonlyMap<string, string | Buffer> = new Map()): Promise<void> {
  said(await publish(json, options, others));
}

/** Text that is not a result (a page, a worked example): to --out (as a set of one) or the terminal. */
export function emitText(content: string, out: string | undefined, what: string): void {
  if (out === undefined) {
    process.stdout.write(content);
    return;
  }
  writeFileSet([[out, content]]);
  said(`wrote ${out} (${what})`);
}

/** The model a command runs: the file itself, or a scenario's base with its overrides. */
export function resolvedModel(path: string, options: { set: string[] }): ResolvedModel {
  return resolveScenario(path, overridesFrom(options));
}

/**
 * Run a command on a resolved model; a mistake found while running a scenario or with
 * --set overrides says which, since the model file alone would not explain it.
 */
export async function inScenario<T>(model: ResolvedModel, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUserError(error)) throw error;
    const typed = model.overrides.filter((o) => o.source === undefined);
    const context: string[] = [];
    if (model.scenarios.length > 0) {
      const chain = model.scenarios.map((s) => s.file).reverse().join(' <- ');
      const sets = model.overrides.filter((o) => o.source !== undefined && o.path[0] !== 'title').map((o) => o.path.join('.'));
      context.push(`running the scenario ${chain}, on ${model.modelPath}${sets.length ? `; it sets ${[...new Set(sets)].join(', ')}` : ''}`);
    }
    // Overrides typed on the command line: named unless the message already blames one.
    if (typed.length > 0 && !error.problems.some((p) => p.startsWith('--set '))) context.push(`with ${typed.map((o) => `--set ${o.text}`).join(' ')}`);
    if (context.length === 0) throw error;
    throw new UserError([...error.problems, `(${context.join('; ')})`]);
  }
}

export { UserError };
