/** Run a model or scenario of any kind, reduced to comparable lines (for `fairshare compare`). */
import { UserError } from '../errors.js';
import type { Override } from '../model/load.js';
import type { Comparable } from '../scenario/compare.js';
import { loadAllocation, runAllocation } from './load-allocation.js';
import { runBudget } from './load-budget.js';
import { loadOptimisation, runOptimisation } from './load-optimisation.js';
import { runGap } from './load-needs.js';
import { resolveScenario, type ResolvedModel } from './scenario.js';

export interface ComparableRun {
  model: ResolvedModel;
  comparable: Comparable;
  /** What the run was made from: the model's manifest, with its scenarios. */
  manifest: unknown;
}

export async function comparableRun(path: string, commandLine: readonly Override[] = []): Promise<ComparableRun> {
  const model = resolveScenario(path, commandLine);
  const named = (title: string) => model.title ?? title;
  const scenarios = model.scenarios.length > 0 ? { scenarios: model.scenarios } : {};
  if (model.kind === 'allocation') {
    const loaded = await loadAllocation(model.modelPath, model.overrides);
    const result = runAllocation(loaded);
    return {
      model,
      comparable: { title: named(result.title), unit: 'area', lines: result.areas.map((a) => ({ key: a.key, label: a.label, pence: a.allocationPence })) },
      manifest: { ...loaded.manifest, ...scenarios },
    };
  }
  if (model.kind === 'budget') {
    const run = await runBudget(model.modelPath, model.overrides);
    return {
      model,
      comparable: { title: named(run.result.title), unit: 'service', lines: run.result.services.map((s) => ({ key: s.name, label: s.name, pence: s.committedPence + s.allocatedPence })) },
      manifest: { ...run.manifest, ...scenarios },
    };
  }
  if (model.kind === 'optimisation') {
    const loaded = await loadOptimisation(model.modelPath, model.overrides);
    const result = await runOptimisation(loaded, { shadowPrices: false });
    // By priority (and area, where the spending is split by area), over all years.
    const lines = new Map<string, { key: string; label: string; pence: number }>();
    const add = (priority: string, area: { key: string; label: string } | undefined, pence: number) => {
      const key = area ? `${priority}|${area.key}` : priority;
      const line = lines.get(key) ?? { key, label: area ? `${priority}, ${area.label}` : priority, pence: 0 };
      line.pence += pence;
      lines.set(key, line);
    };
    for (const s of result.spend) add(s.priority, s.area, s.pence);
    for (const a of result.awards) add(a.priority, a.area, a.awardPence);
    for (const c of result.commitments) if (c.held) add(c.priority, undefined, c.pence);
    return { model, comparable: { title: named(result.title), unit: 'priority', lines: [...lines.values()] }, manifest: { ...loaded.manifest, engine: result.engine, ...scenarios } };
  }
  if (model.kind === 'needs') {
    // Needs assessments compare by the cost of unmet demand, priority by priority.
    const run = await runGap(model.modelPath, model.overrides);
    return { model, comparable: { title: named(run.result.title), unit: 'priority', lines: run.result.priorities.map((p) => ({ key: p.name, label: p.name, pence: p.unmetCostPence })) }, manifest: { ...run.manifest, ...scenarios } };
  }
  throw new UserError(`${path}: a ${model.kind} file cannot be compared; compare allocation, budget or optimisation models and their scenarios`);
}
