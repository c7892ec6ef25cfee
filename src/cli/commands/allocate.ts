import type { Command } from 'commander';
import { formatAllocation, loadAllocation, runAllocation } from '../../index.js';
import { parseOverride } from '../../model/load.js';
import { chooseFormat, emit } from '../output.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerAllocate(program: Command): void {
  program
    .command('allocate')
    .description('Allocate the pot by the model\'s formula; allocations add up to the pot exactly')
    .argument('<model>', 'model file (YAML)')
    .option('--set <key.path=value>', 'override a model key for this run (repeatable)', collect, [])
    .option('--format <format>', 'table, csv (pounds) or json (pence); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --format json --out allocation.json
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --set indicators.crime.weight=0.3 --set indicators.population.weight=0.4`,
    )
    .action((modelPath: string, options: { set: string[]; format?: string; out?: string }) => {
      const format = chooseFormat(options.format, options.out);
      const loaded = loadAllocation(modelPath, options.set.map(parseOverride));
      const result = runAllocation(loaded);
      emit(formatAllocation(result, format, loaded.manifest), options.out);
    });
}
