import type { Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { KINDS } from '../../io/kinds.js';
import { chooseFormat } from '../../io/outputs.js';
import { addOutputOptions, inScenario, publishResult, resolvedModel, setOption } from '../shared.js';

export function registerAllocate(program: Command): void {
  const command = program
    .command('allocate')
    .description("Allocate the pot by the model's formula; allocations add up to the pot exactly")
    .argument('<model>', 'model file, settlement (kind: settlement: a table with a column per year) or scenario (YAML)')
    .addOption(setOption())
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --format json --out allocation.json
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --out allocation.xlsx
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --set indicators.crime.weight=0.3 --set indicators.population.weight=0.45
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --set pot.total=-5%       # a 5% cut of the pot
  $ fairshare allocate models/avon-and-somerset-crime-weighted-up.yaml      # a scenario
  $ fairshare allocate models/avon-and-somerset-settlement-2026-29.yaml     # a three-year settlement
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --chart allocations.png
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --chart change.svg --chart-kind change`,
    )
    .action(async (modelPath: string, options: { set: string[]; format?: string; out?: string; chart?: string; chartKind?: string }) => {
      chooseFormat(options.format, options.out);
      const model = resolvedModel(modelPath, options);
      // A settlement allocates year by year; any other kind has its own command.
      const kind = model.kind === 'settlement' ? KINDS.settlement : KINDS.allocation;
      const json = await inScenario(model, () => kind.run!(model, {}));
      await publishResult(json, options);
    });
  addOutputOptions(command, [...CHARTS.allocation, ...CHARTS.settlement]);
}
