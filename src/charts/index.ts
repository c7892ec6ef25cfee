/** Which charts each kind of result has, and building one. Pure. */
import { UserError } from '../errors.js';
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
import { tornadoChart } from './kinds/tornado.js';
import type { AnyResultJson, ResultKind } from '../results/index.js';

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
};

export const needsBoundaries = (kind: ChartKind): boolean => kind === 'map' || kind === 'map-change';

export interface ChartContext {
  /** The source line under the title: what made the figures, and from what data. */
  source: string;
  /** Boundaries, for maps. */
  boundaries?: Boundaries;
}

export function buildChart(result: AnyResultJson, kind: ChartKind | undefined, context: ChartContext): Chart {
  const available = CHARTS[result.result];
  const chosen = kind ?? available[0]!;
  if (!available.includes(chosen)) throw new UserError(`--chart-kind ${chosen}: a ${result.result} result has ${available.join(', ')}`);
  const { source, boundaries } = context;
  if (needsBoundaries(chosen)) {
    if (!boundaries) throw new UserError('a map needs boundaries, and none match these areas');
    if (result.result !== 'allocation' && result.result !== 'comparison') throw new UserError(`a ${result.result} result has no map`);
    return mapChart(result, boundaries, source, chosen === 'map' ? 'allocation' : 'change');
  }
  switch (result.result) {
    case 'allocation':
      return chosen === 'change' ? changeChart(result, source) : chosen === 'contributions' ? contributionsChart(result, source) : allocationsChart(result, source);
    case 'split':
      return ringFencesChart(result, source);
    case 'optimisation':
      return optimisationChart(result, source);
    case 'comparison':
      return comparisonChart(result, source);
    case 'sensitivity':
      return chosen === 'tornado' ? tornadoChart(result, source) : sensitivityChart(result, source);
    case 'gap':
      return gapChart(result, source);
    case 'table':
      throw new UserError('a data table has no chart');
  }
}
