/** What the commands share: the --set option, the output format, and where output goes. */
import { Option, type Command } from 'commander';
import { writeFileAtomic } from '../io/files.js';
import { isUserError, UserError } from '../errors.js';
import { parseOverride, type Override } from '../model/load.js';
import { resolveScenario, type ResolvedModel } from '../io/scenario.js';
import { provenanceSheet, type Sheet } from '../report/workbook.js';

/** The repeatable `--set key.path=value` option. */
export function setOption(): Option {
  return new Option('--set <key.path=value>', 'override a model key for this run, without editing the file (repeatable)')
    .argParser((value: string, previous: string[]) => [...previous, value])
    .default([]);
}

export function overridesFrom(options: { set: string[] }): Override[] {
  return options.set.map(parseOverride);
}

export type TextFormat = 'table' | 'csv' | 'json';
export type Format = TextFormat | 'xlsx';

/**
 * The format asked for, or the one the output file's extension implies, or a table.
 * `workbook`: whether the command writes .xlsx workbooks (allocate, compare, split).
 */
export function chooseFormat(format: string | undefined, out: string | undefined): TextFormat;
export function chooseFormat(format: string | undefined, out: string | undefined, workbook: true): Format;
export function chooseFormat(format: string | undefined, out: string | undefined, workbook = false): Format {
  const formats: Format[] = workbook ? ['table', 'csv', 'json', 'xlsx'] : ['table', 'csv', 'json'];
  const chosen = format ?? (out?.endsWith('.csv') ? 'csv' : out?.endsWith('.json') ? 'json' : workbook && out?.endsWith('.xlsx') ? 'xlsx' : 'table');
  if (!(formats as string[]).includes(chosen)) throw new UserError(`--format ${chosen}: expected one of ${formats.join(', ')}`);
  if (chosen === 'xlsx' && out === undefined) throw new UserError('--format xlsx: a workbook is a file; give --out FILE.xlsx');
  return chosen as Format;
}

export function emit(content: string | Buffer, out: string | undefined): void {
  if (out === undefined) process.stdout.write(content);
  else writeFileAtomic(out, content);
}

/** A workbook of a result's sheets, with a provenance sheet: the run's manifests and the data's attribution. */
export async function workbook(json: unknown, sheets: Sheet[], title: string): Promise<Buffer> {
  const [{ readResult, dataAttributions }, { workbookBytes }] = await Promise.all([import('../io/chart-inputs.js'), import('../io/workbook.js')]);
  const result = readResult(JSON.stringify(json), 'the result');
  const raw = json as { manifest?: Record<string, unknown>; manifests?: { base: Record<string, unknown>; scenarios: Record<string, unknown>[] } };
  const manifests = raw.manifests
    ? [{ label: 'base', manifest: raw.manifests.base }, ...raw.manifests.scenarios.map((m, i) => ({ label: `scenario ${i + 1}`, manifest: m }))]
    : [{ label: 'run', manifest: raw.manifest ?? {} }];
  return workbookBytes([...sheets, provenanceSheet(manifests, dataAttributions(result))], title);
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

/** A result in the format asked for: the JSON as it is, CSV and table from their formatters, a workbook from its sheets. */
export async function formatted(format: Format, json: unknown, as: { csv: () => string; table: () => string; workbook?: { sheets: () => Sheet[]; title: string } }): Promise<string | Buffer> {
  if (format === 'json') return `${JSON.stringify(json, null, 2)}\n`;
  if (format === 'csv') return as.csv();
  if (format === 'xlsx') return workbook(json, as.workbook!.sheets(), as.workbook!.title);
  return as.table();
}

/** Write a command's output, any other files and its chart: all made before any is written. */
export async function emitResult(output: string | Buffer, json: unknown, options: { out?: string; chart?: string; chartKind?: string }, others: ReadonlyMap<string, string | Buffer> = new Map()): Promise<void> {
  const charts = await chartOutputs(json, options);
  emit(output, options.out);
  emitFiles(others);
  emitFiles(charts);
}
