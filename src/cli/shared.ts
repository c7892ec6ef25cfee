/** What the commands share: the --set option, the output format, and where output goes. */
import { Option, type Command } from 'commander';
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

/** --chart FILE and --chart-kind KIND, for the commands that produce results. */
export function addChartOptions(command: Command, kinds: readonly string[]): Command {
  return command
    .option('--chart <file>', 'also draw a chart: FILE.svg, FILE.png or FILE.vl.json (a Vega-Lite spec); its alt text goes beside it in FILE.alt.txt')
    .option('--chart-kind <kind>', `which chart: ${kinds.join(', ')} (default: ${kinds[0]})`);
}

/**
 * The chart files for a result in its JSON form (the image and its alt text), or none when
 * no chart was asked for. The charting modules are loaded only then.
 */
export async function chartOutputs(json: unknown, options: { chart?: string; chartKind?: string }): Promise<Map<string, string | Buffer>> {
  if (options.chart === undefined) return new Map();
  const [{ buildChart, needsBoundaries, CHARTS }, { chartFiles, chartFormat }, inputs] = await Promise.all([import('../charts/index.js'), import('../io/charts.js'), import('../io/chart-inputs.js')]);
  chartFormat(options.chart);
  const result = inputs.readResult(JSON.stringify(json), 'the result');
  const kind = (options.chartKind ?? CHARTS[result.result][0]) as Parameters<typeof buildChart>[1] & string;
  if (!CHARTS[result.result].includes(kind)) throw new UserError(`--chart-kind ${kind}: a ${result.result} result has ${CHARTS[result.result].join(', ')}`);
  const boundaries = needsBoundaries(kind) ? inputs.boundariesFor(inputs.areaKeys(result)) : undefined;
  const chart = buildChart(result, kind, { source: inputs.sourceLine(result), ...(boundaries && { boundaries }) });
  return chartFiles(chart, options.chart);
}

/** Write every file (each atomically), after all of them have been made. */
export function emitFiles(files: ReadonlyMap<string, string | Buffer>): void {
  for (const [file, content] of files) writeFileAtomic(file, content);
}
