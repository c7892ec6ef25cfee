/** A result's chart as files: the image (or Vega-Lite spec) and its alt text beside it. */
import { buildChart, CHARTS, needsBoundaries, type ChartKind } from '../charts/index.js';
import { UserError } from '../errors.js';
import type { AnyResultJson } from '../results/index.js';
import { areaKeys, boundariesFor, sourceLine } from './chart-inputs.js';
import { chartFiles, chartFormat } from './charts.js';

/** The chart of `kind` (default: the result's first), made ready to write to `file`. */
export async function chartOutputs(result: AnyResultJson, file: string, kind?: string): Promise<Map<string, string | Buffer>> {
  chartFormat(file);
  const available = CHARTS[result.result];
  if (available.length === 0) throw new UserError(`--chart ${file}: a ${result.result} result has no chart`);
  const chosen = (kind ?? available[0]!) as ChartKind;
  if (!available.includes(chosen)) throw new UserError(`--chart-kind ${kind}: a ${result.result} result has ${available.join(', ')}`);
  const boundaries = needsBoundaries(chosen) ? boundariesFor(areaKeys(result)) : undefined;
  const chart = buildChart(result, chosen, { source: sourceLine(result), ...(boundaries && { boundaries }) });
  return chartFiles(chart, file);
}
