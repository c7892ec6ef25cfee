/**
 * The charts, two registries the compiler checks are complete: which charts each kind of
 * result has (the default first), and how each chart kind is built. A new chart is its file
 * and one entry in each. Pure.
 */
import { UserError } from '../errors.js';
import type { AnyResultJson, ResultJsonByKind, ResultKind } from '../results/index.js';
import type { Chart, ChartKind } from './chart.js';
import { allocationsChart } from './kinds/allocations.js';
import { changeChart } from './kinds/change.js';
import { comparisonChart } from './kinds/comparison.js';
import { contributionsChart } from './kinds/contributions.js';
import { gapChart } from './kinds/gap.js';
import { mapChart, type Boundaries } from './kinds/map.js';
import { optimisationChart } from './kinds/optimisation.js';
import { ringFencesChart } from './kinds/ring-fences.js';
import { sensitivityChart } from './kinds/sensitivity.js';
import { settlementChart } from './kinds/settlement.js';
import { tornadoChart } from './kinds/tornado.js';
import { waterfallChart } from './kinds/waterfall.js';

export type { Chart, ChartKind } from './chart.js';
export type { Boundaries } from './kinds/map.js';

/** The charts of each result, the default first. */
export const CHARTS: Record<ResultKind, readonly ChartKind[]> = {
  allocation: ['allocations', 'change', 'contributions', 'map', 'map-change'],
  split: ['ring-fences'],
  optimisation: ['optimisation'],
  comparison: ['comparison', 'map-change'],
  sensitivity: ['sensitivity', 'tornado'],
  gap: ['gap'],
  table: [],
  settlement: ['settlement'],
  change: ['waterfall'],
  check: [],
};

export const needsBoundaries = (kind: ChartKind): boolean => kind === 'map' || kind === 'map-change';

export interface ChartContext {
  /** The source line under the title: what made the figures, and from what data. */
  source: string;
  /** Boundaries, for maps. */
  boundaries?: Boundaries;
}

/** The result, as the kind a chart needs (CHARTS has already said the chart applies). */
function of<K extends ResultKind>(result: AnyResultJson, ...kinds: K[]): ResultJsonByKind[K] {
  if (!(kinds as string[]).includes(result.result)) throw new UserError(`a ${result.result} result has no such chart`);
  return result as ResultJsonByKind[K];
}

function boundariesOf(context: ChartContext): Boundaries {
  if (!context.boundaries) throw new UserError('a map needs boundaries, and none match these areas');
  return context.boundaries;
}

export const CHART_BUILDERS: Record<ChartKind, (result: AnyResultJson, context: ChartContext) => Chart> = {
  allocations: (r, c) => allocationsChart(of(r, 'allocation'), c.source),
  change: (r, c) => changeChart(of(r, 'allocation'), c.source),
  contributions: (r, c) => contributionsChart(of(r, 'allocation'), c.source),
  map: (r, c) => mapChart(of(r, 'allocation'), boundariesOf(c), c.source, 'allocation'),
  'map-change': (r, c) => mapChart(of(r, 'allocation', 'comparison'), boundariesOf(c), c.source, 'change'),
  comparison: (r, c) => comparisonChart(of(r, 'comparison'), c.source),
  sensitivity: (r, c) => sensitivityChart(of(r, 'sensitivity'), c.source),
  tornado: (r, c) => tornadoChart(of(r, 'sensitivity'), c.source),
  'ring-fences': (r, c) => ringFencesChart(of(r, 'split'), c.source),
  optimisation: (r, c) => optimisationChart(of(r, 'optimisation'), c.source),
  gap: (r, c) => gapChart(of(r, 'gap'), c.source),
  settlement: (r, c) => settlementChart(of(r, 'settlement'), c.source),
  waterfall: (r, c) => waterfallChart(of(r, 'change'), c.source),
};

export function buildChart(result: AnyResultJson, kind: ChartKind | undefined, context: ChartContext): Chart {
  const available = CHARTS[result.result];
  if (available.length === 0) throw new UserError(`a ${result.result} result has no chart`);
  const chosen = kind ?? available[0]!;
  if (!available.includes(chosen)) throw new UserError(`--chart-kind ${chosen}: a ${result.result} result has ${available.join(', ')}`);
  return CHART_BUILDERS[chosen](result, context);
}
