import type { Command } from 'commander';
import { loadAllocation } from '../../index.js';
import { overridesFrom, setOption } from '../shared.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a model file and its data without allocating')
    .argument('<model>', 'model file (YAML)')
    .addOption(setOption())
    .addHelpText('after', '\nExample:\n  $ fairshare validate models/avon-and-somerset-2025-26.yaml')
    .action(async (modelPath: string, options: { set: string[] }) => {
      const { model, table, dataPath } = await loadAllocation(modelPath, overridesFrom(options));
      const indicators = Object.keys(model.indicators).join(', ');
      process.stdout.write(
        `${modelPath}: valid. ${table.keys.length} areas in ${dataPath}; indicators ${indicators}` +
          `${model.damping ? `; damping ${model.damping.method}` : ''}; rounding to the ${model.rounding}.\n`,
      );
    });
}
