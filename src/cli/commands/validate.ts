import type { Command } from 'commander';
import { loadAllocation } from '../../index.js';
import { runBudget } from '../../io/load-budget.js';
import { loadOptimisation } from '../../io/load-optimisation.js';
import { runGap } from '../../io/load-needs.js';
import { inScenario, resolvedModel, setOption } from '../shared.js';
import type { ResolvedModel } from '../../io/scenario.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a model, budget or optimisation file and its data without running it')
    .argument('<model>', 'model file (YAML): allocation, budget, optimisation or scenario')
    .addOption(setOption())
    .addHelpText('after', '\nExamples:\n  $ fairshare validate models/avon-and-somerset-2025-26.yaml\n  $ fairshare validate models/dorset-like-budget-2025-26.yaml')
    .action(async (modelPath: string, options: { set: string[] }) => {
      const model = resolvedModel(modelPath, options);
      await inScenario(model, () => validate(modelPath, model));
    });
}

/** Check a resolved model of any kind, and say what it holds. */
async function validate(modelPath: string, model: ResolvedModel): Promise<void> {
  const { kind, overrides } = model;
  const base = model.modelPath;
  const scenario = model.scenarios.length > 0 ? ` (scenario on ${base})` : '';
  if (kind === 'optimisation') {
    const { prepared } = await loadOptimisation(base, overrides);
    const applications = prepared.rounds.reduce((sum, round) => sum + round.applications.length, 0);
    process.stdout.write(
      `${modelPath}${scenario}: valid. ${prepared.priorities.length} priorities, ${prepared.options.length} options, ${prepared.pots.length} funds and ring-fences` +
        `${prepared.areaKeys.length ? `, ${prepared.areaKeys.length} areas` : ''}, ${prepared.years.length} year(s)` +
        `${prepared.rounds.length ? `, ${prepared.rounds.length} grant round(s) with ${applications} applications` : ''}.\n`,
    );
    return;
  }
  if (kind === 'needs') {
    const { result } = await runGap(base, overrides);
    process.stdout.write(`${modelPath}${scenario}: valid. ${result.priorities.length} priorities over ${new Set(result.areas.map((a) => a.key)).size} areas.\n`);
    return;
  }
  if (kind === 'budget') {
    // A budget is only valid if its commitments can be honoured, so it is split too.
    const { result } = await runBudget(base, overrides);
    const funds = new Set(result.pots.map((pot) => pot.fund)).size;
    process.stdout.write(`${modelPath}${scenario}: valid. ${funds} funds in ${result.pots.length} pots; ${result.services.length} services; every commitment for ${result.year} can be honoured.\n`);
    return;
  }
  const { model: allocation, table, dataPath } = await loadAllocation(base, overrides);
  const indicators = Object.keys(allocation.indicators).join(', ');
  process.stdout.write(
    `${modelPath}${scenario}: valid. ${table.keys.length} areas in ${dataPath}; indicators ${indicators}` +
      `${allocation.damping ? `; damping ${allocation.damping.method}` : ''}; rounding to the ${allocation.rounding}.\n`,
  );
}
