import type { Command } from 'commander';
import { allocationJson, formatAllocation, loadAllocation, runAllocation } from '../../index.js';
import { CHARTS } from '../../charts/index.js';
import type { AllocationJson } from '../../charts/results.js';
import { allocationSheets } from '../../report/workbook.js';
import { addChartOptions, chooseFormat, emitResult, inScenario, resolvedModel, setOption, withScenarios, workbook } from '../shared.js';

export function registerAllocate(program: Command): void {
  const command = program
    .command('allocate')
    .description("Allocate the pot by the model's formula; allocations add up to the pot exactly")
    .argument('<model>', 'model file or scenario (YAML)')
    .addOption(setOption())
    .option('--format <format>', 'table, csv (pounds), json (pence) or xlsx (a workbook: allocations, worked examples, inputs, provenance); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --format json --out allocation.json
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --out allocation.xlsx
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --set indicators.crime.weight=0.3 --set indicators.population.weight=0.45
  $ fairshare allocate models/avon-and-somerset-crime-weighted-up.yaml      # a scenario
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --chart allocations.png
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --chart change.svg --chart-kind change`,
    )
    .action(async (modelPath: string, options: { set: string[]; format?: string; out?: string; chart?: string; chartKind?: string }) => {
      const format = chooseFormat(options.format, options.out, true);
      const model = resolvedModel(modelPath, options);
      const { result, manifest } = await inScenario(model, async () => {
        const loaded = await loadAllocation(model.modelPath, model.overrides);
        return { result: runAllocation(loaded), manifest: withScenarios(loaded.manifest, model) };
      });
      const json = options.chart !== undefined || format === 'xlsx' ? allocationJson(result, manifest) : undefined;
      const output = format === 'xlsx' ? await workbook(json, allocationSheets(json as AllocationJson), result.title) : formatAllocation(result, format, manifest);
      await emitResult(output, json, options);
    });
  addChartOptions(command, CHARTS.allocation);
}
