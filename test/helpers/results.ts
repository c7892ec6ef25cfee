/**
 * The JSON results of the shipped examples, made in-process as the CLI makes them (through
 * the kinds registry): the inputs of the chart and table tests. Deterministic: seeded
 * sensitivity, HiGHS optima.
 */
import { KINDS } from '../../src/io/kinds.js';
import { loadAllocation } from '../../src/io/load-allocation.js';
import { comparableRun } from '../../src/io/runs.js';
import { resolveScenario } from '../../src/io/scenario.js';
import { compileFormula } from '../../src/formula/allocate.js';
import type { AllocationJson } from '../../src/results/allocation.js';
import { changeBetween } from '../../src/results/change.js';
import { comparisonJson } from '../../src/results/comparison.js';
import { readResult, type AnyResultJson, type ResultKind } from '../../src/results/index.js';
import { sensitivityJson } from '../../src/results/sensitivity.js';
import { compareRuns } from '../../src/scenario/compare.js';
import { sensitivity } from '../../src/scenario/sensitivity.js';

const AVON = 'models/avon-and-somerset-2025-26.yaml';

/** Through JSON text and back, validated as a saved result is when it is read. */
const asSaved = (json: AnyResultJson) => readResult(JSON.stringify(json), 'the result');

const run = (path: string) => {
  const model = resolveScenario(path);
  return KINDS[model.kind as 'allocation' | 'budget' | 'optimisation' | 'needs'].run!(model, { shadowPrices: false });
};

export async function exampleResults(): Promise<Record<Exclude<ResultKind, 'table' | 'check'>, AnyResultJson>> {
  const settlement = resolveScenario('models/avon-and-somerset-settlement-2026-29.yaml');
  const loaded = await loadAllocation(AVON);
  const base = await comparableRun(AVON);
  const scenarios = await Promise.all(['models/avon-and-somerset-crime-weighted-up.yaml', 'models/avon-and-somerset-cut-and-crime-up.yaml'].map((p) => comparableRun(p)));
  return {
    allocation: asSaved(await run(AVON)),
    split: asSaved(await run('models/dorset-like-budget-2025-26.yaml')),
    optimisation: asSaved(await run('models/avon-and-somerset-victims-optimisation.yaml')),
    comparison: asSaved(comparisonJson(compareRuns(base.comparable, scenarios.map((s) => s.comparable)), { base: base.manifest, scenarios: scenarios.map((s) => s.manifest) })),
    sensitivity: asSaved(sensitivityJson(sensitivity(compileFormula(loaded.model, loaded.table), { draws: 500, seed: 11, concentration: 100, errors: { crime: 0.05 } }), loaded.manifest)),
    gap: asSaved(await run('models/avon-and-somerset-victims-needs.yaml')),
    settlement: asSaved(await KINDS.settlement.run!(settlement, {})),
    change: asSaved(changeBetween((await run(AVON)) as AllocationJson, (await run('models/avon-and-somerset-cut-and-crime-up.yaml')) as AllocationJson, { from: 'base', to: 'scenario' })),
  };
}
