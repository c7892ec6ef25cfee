/**
 * The JSON results of the shipped examples, made in-process as the CLI makes them: the
 * inputs of the chart tests. Deterministic: seeded sensitivity, HiGHS optima.
 */
import { allocationJson } from '../../src/report/json.js';
import { splitJson } from '../../src/report/budget.js';
import { optimisationJson } from '../../src/report/optimise.js';
import { comparisonJson } from '../../src/report/compare.js';
import { sensitivityJson } from '../../src/report/sensitivity.js';
import { gapJson } from '../../src/report/gap.js';
import { loadAllocation, runAllocation } from '../../src/io/load-allocation.js';
import { runBudget } from '../../src/io/load-budget.js';
import { loadOptimisation, runOptimisation } from '../../src/io/load-optimisation.js';
import { comparableRun } from '../../src/io/runs.js';
import { runGap } from '../../src/io/load-needs.js';
import { compareRuns } from '../../src/scenario/compare.js';
import { compileFormula } from '../../src/formula/allocate.js';
import { sensitivity } from '../../src/scenario/sensitivity.js';
import type { AnyResultJson } from '../../src/charts/results.js';

const AVON = 'models/avon-and-somerset-2025-26.yaml';

/** Round-trip through JSON text, as a saved result would be read. */
const asSaved = (json: unknown) => JSON.parse(JSON.stringify(json)) as AnyResultJson;

export async function exampleResults(): Promise<Record<'allocation' | 'split' | 'optimisation' | 'comparison' | 'sensitivity' | 'gap', AnyResultJson>> {
  const loaded = await loadAllocation(AVON);
  const budget = await runBudget('models/dorset-like-budget-2025-26.yaml');
  const optimisation = await loadOptimisation('models/avon-and-somerset-victims-optimisation.yaml');
  const base = await comparableRun(AVON);
  const scenarios = await Promise.all(['models/avon-and-somerset-crime-weighted-up.yaml', 'models/avon-and-somerset-cut-and-crime-up.yaml'].map((p) => comparableRun(p)));
  const gap = await runGap('models/avon-and-somerset-victims-needs.yaml');
  return {
    allocation: asSaved(allocationJson(runAllocation(loaded), loaded.manifest)),
    split: asSaved(splitJson(budget.result, budget.cashFlow, budget.manifest)),
    optimisation: asSaved(optimisationJson(await runOptimisation(optimisation, { shadowPrices: false }), { ...optimisation.manifest, engine: 'highs' })),
    comparison: asSaved(comparisonJson(compareRuns(base.comparable, scenarios.map((s) => s.comparable)), { base: base.manifest, scenarios: scenarios.map((s) => s.manifest) })),
    sensitivity: asSaved(sensitivityJson(sensitivity(compileFormula(loaded.model, loaded.table), { draws: 500, seed: 11, concentration: 100, errors: { crime: 0.05 } }), loaded.manifest)),
    gap: asSaved(gapJson(gap.result, gap.manifest)),
  };
}
