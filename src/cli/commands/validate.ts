import type { Command } from 'commander';
import { loadAllocation } from '../../index.js';
import { decodeUtf8, readBytes } from '../../io/files.js';
import { runBudget } from '../../io/load-budget.js';
import { loadOptimisation } from '../../io/load-optimisation.js';
import { documentKind } from '../../model/load.js';
import { overridesFrom, setOption } from '../shared.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a model, budget or optimisation file and its data without running it')
    .argument('<model>', 'model file (YAML): allocation, budget or optimisation')
    .addOption(setOption())
    .addHelpText('after', '\nExamples:\n  $ fairshare validate models/avon-and-somerset-2025-26.yaml\n  $ fairshare validate models/dorset-like-budget-2025-26.yaml')
    .action(async (modelPath: string, options: { set: string[] }) => {
      const overrides = overridesFrom(options);
      const kind = documentKind(decodeUtf8(readBytes(modelPath, 'model file'), modelPath));
      if (kind === 'optimisation') {
        const { prepared } = await loadOptimisation(modelPath, overrides);
        const applications = prepared.rounds.reduce((sum, round) => sum + round.applications.length, 0);
        process.stdout.write(
          `${modelPath}: valid. ${prepared.priorities.length} priorities, ${prepared.options.length} options, ${prepared.pots.length} funds and ring-fences` +
            `${prepared.areaKeys.length ? `, ${prepared.areaKeys.length} areas` : ''}, ${prepared.years.length} year(s)` +
            `${prepared.rounds.length ? `, ${prepared.rounds.length} grant round(s) with ${applications} applications` : ''}.\n`,
        );
        return;
      }
      if (kind === 'budget') {
        // A budget is only valid if its commitments can be honoured, so it is split too.
        const { result } = await runBudget(modelPath, overrides);
        const funds = new Set(result.pots.map((pot) => pot.fund)).size;
        process.stdout.write(`${modelPath}: valid. ${funds} funds in ${result.pots.length} pots; ${result.services.length} services; every commitment for ${result.year} can be honoured.\n`);
        return;
      }
      const { model, table, dataPath } = await loadAllocation(modelPath, overrides);
      const indicators = Object.keys(model.indicators).join(', ');
      process.stdout.write(
        `${modelPath}: valid. ${table.keys.length} areas in ${dataPath}; indicators ${indicators}` +
          `${model.damping ? `; damping ${model.damping.method}` : ''}; rounding to the ${model.rounding}.\n`,
      );
    });
}
