import type { Command } from 'commander';
import { loadAllocation } from '../../index.js';
import { parseOverride } from '../../model/load.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a model file and its data without allocating')
    .argument('<model>', 'model file (YAML)')
    .option('--set <key.path=value>', 'override a model key before checking (repeatable)', collect, [])
    .addHelpText('after', '\nExample:\n  $ fairshare validate models/avon-and-somerset-2025-26.yaml')
    .action((modelPath: string, options: { set: string[] }) => {
      const { model, table, dataPath } = loadAllocation(modelPath, options.set.map(parseOverride));
      const indicators = Object.keys(model.indicators).join(', ');
      process.stdout.write(
        `${modelPath}: valid. ${table.keys.length} areas in ${dataPath}; indicators ${indicators}` +
          `${model.damping ? `; damping ${model.damping.method}` : ''}; rounding to the ${model.rounding}.\n`,
      );
    });
}
