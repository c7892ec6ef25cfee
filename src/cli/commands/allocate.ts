import type { Command } from 'commander';
import { formatAllocation, loadAllocation, runAllocation } from '../../index.js';
import { chooseFormat, emit, overridesFrom, setOption } from '../shared.js';

export function registerAllocate(program: Command): void {
  program
    .command('allocate')
    .description("Allocate the pot by the model's formula; allocations add up to the pot exactly")
    .argument('<model>', 'model file (YAML)')
    .addOption(setOption())
    .option('--format <format>', 'table, csv (pounds) or json (pence); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --format json --out allocation.json
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --set indicators.crime.weight=0.3 --set indicators.population.weight=0.45`,
    )
    .action(async (modelPath: string, options: { set: string[]; format?: string; out?: string }) => {
      const format = chooseFormat(options.format, options.out);
      const loaded = await loadAllocation(modelPath, overridesFrom(options));
      emit(formatAllocation(runAllocation(loaded), format, loaded.manifest), options.out);
    });
}
