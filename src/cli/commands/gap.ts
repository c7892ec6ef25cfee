import type { Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { runGap } from '../../io/load-needs.js';
import { formatGapCsv, formatGapTable, gapJson } from '../../report/gap.js';
import { addChartOptions, chooseFormat, emitResult, formatted, inScenario, resolvedModel, setOption, withScenarios } from '../shared.js';

export function registerGap(program: Command): void {
  const command = program
    .command('gap')
    .description('Need against provision by priority and area: demand from indicators, capacity of current services, unmet demand and its cost, ranked')
    .argument('<needs>', 'needs assessment (YAML, kind: needs), or a scenario of one')
    .addOption(setOption())
    .option('--format <format>', 'table, csv (pounds, by priority and area) or json (pence); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare gap models/avon-and-somerset-victims-needs.yaml
  $ fairshare gap models/avon-and-somerset-victims-needs.yaml --out gap.csv
  $ fairshare gap models/avon-and-somerset-victims-needs.yaml --set "priorities.domestic abuse.unit_cost=1500"

The CSV is what an optimisation model reads as its need weights:
  need_weights: { file: gap.csv, priority: priority, weight: unmet_cost_gbp, area: area_key }`,
    )
    .action(async (needsPath: string, options: { set: string[]; format?: string; out?: string; chart?: string; chartKind?: string }) => {
      const format = chooseFormat(options.format, options.out);
      const model = resolvedModel(needsPath, options);
      const run = await inScenario(model, () => runGap(model.modelPath, model.overrides));
      const json = gapJson(run.result, withScenarios(run.manifest, model));
      await emitResult(await formatted(format, json, { csv: () => formatGapCsv(run.result), table: () => formatGapTable(run.result) }), json, options);
    });
  addChartOptions(command, CHARTS.gap);
}
