/** What the commands share: the --set option, the output format, and where output goes. */
import { Option } from 'commander';
import { writeFileAtomic } from '../io/files.js';
import { isUserError, UserError } from '../errors.js';
import { parseOverride, type Override } from '../model/load.js';
import { resolveScenario, type ResolvedModel } from '../io/scenario.js';

/** The repeatable `--set key.path=value` option. */
export function setOption(): Option {
  return new Option('--set <key.path=value>', 'override a model key for this run, without editing the file (repeatable)')
    .argParser((value: string, previous: string[]) => [...previous, value])
    .default([]);
}

export function overridesFrom(options: { set: string[] }): Override[] {
  return options.set.map(parseOverride);
}

export type Format = 'table' | 'csv' | 'json';
const FORMATS: readonly Format[] = ['table', 'csv', 'json'];

/** The format asked for, or the one the output file's extension implies, or a table. */
export function chooseFormat(format: string | undefined, out: string | undefined): Format {
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new UserError(`--format ${format}: expected one of ${FORMATS.join(', ')}`);
    return format as Format;
  }
  if (out?.endsWith('.csv')) return 'csv';
  if (out?.endsWith('.json')) return 'json';
  return 'table';
}

export function emit(text: string, out: string | undefined): void {
  if (out === undefined) process.stdout.write(text);
  else writeFileAtomic(out, text);
}

/** The model a command runs: the file itself, or a scenario's base with its overrides. */
export function resolvedModel(path: string, options: { set: string[] }): ResolvedModel {
  return resolveScenario(path, overridesFrom(options));
}

/** A run manifest that names the scenarios applied, when there are any. */
export function withScenarios<M extends object>(manifest: M, resolved: ResolvedModel): M {
  return resolved.scenarios.length === 0 ? manifest : { ...manifest, scenarios: resolved.scenarios };
}

/**
 * Run a command on a resolved model; a mistake found while running a scenario says which
 * scenario it was and what it sets, since the model file alone would not explain it.
 */
export async function inScenario<T>(model: ResolvedModel, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUserError(error) || model.scenarios.length === 0) throw error;
    const chain = model.scenarios.map((s) => s.file).reverse().join(' <- ');
    const sets = model.overrides.filter((o) => o.source !== undefined && o.path[0] !== 'title').map((o) => o.path.join('.'));
    throw new UserError([...error.problems, `(running the scenario ${chain}, on ${model.modelPath}${sets.length ? `; it sets ${[...new Set(sets)].join(', ')}` : ''})`]);
  }
}
