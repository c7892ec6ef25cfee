import type { Command } from 'commander';
import { loadAllocation } from '../../index.js';
import { decodeUtf8, readBytes } from '../../io/files.js';
import { runBudget } from '../../io/load-budget.js';
import { documentKind } from '../../model/load.js';
import { overridesFrom, setOption } from '../shared.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a model or budget file and its data without allocating')
    .argument('<model>', 'model or budget file (YAML)')
    .addOption(setOption())
    .addHelpText('after', '\nExamples:\n  $ fairshare validate models/avon-and-somerset-2025-26.yaml\n  $ fairshare validate models/dorset-like-budget-2025-26.yaml')
    .action(async (modelPath: string, options: { set: string[] }) => {
      const overrides = overridesFrom(options);
      if (documentKind(decodeUtf8(readBytes(modelPath, 'model file'), modelPath)) === 'budget') {
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
