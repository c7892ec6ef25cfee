import type { Command } from 'commander';
import { formatAllocation, loadAllocation, runAllocation } from '../../index.js';
import { chooseFormat, emit, inScenario, resolvedModel, setOption, withScenarios } from '../shared.js';

export function registerAllocate(program: Command): void {
  program
    .command('allocate')
    .description("Allocate the pot by the model's formula; allocations add up to the pot exactly")
    .argument('<model>', 'model file or scenario (YAML)')
    .addOption(setOption())
    .option('--format <format>', 'table, csv (pounds) or json (pence); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --format json --out allocation.json
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --set indicators.crime.weight=0.3 --set indicators.population.weight=0.45
  $ fairshare allocate models/avon-and-somerset-crime-weighted-up.yaml      # a scenario`,
    )
    .action(async (modelPath: string, options: { set: string[]; format?: string; out?: string }) => {
      const format = chooseFormat(options.format, options.out);
      const model = resolvedModel(modelPath, options);
      const text = await inScenario(model, async () => {
        const loaded = await loadAllocation(model.modelPath, model.overrides);
        return formatAllocation(runAllocation(loaded), format, withScenarios(loaded.manifest, model));
      });
      emit(text, options.out);
    });
}
