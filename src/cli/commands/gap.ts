import type { Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { KINDS } from '../../io/kinds.js';
import { chooseFormat } from '../../io/outputs.js';
import { addOutputOptions, inScenario, publishResult, resolvedModel, setOption } from '../shared.js';

export function registerGap(program: Command): void {
  const command = program
    .command('gap')
    .description('Need against provision by priority and area: demand from indicators, capacity of current services, unmet demand and its cost, ranked')
    .argument('<needs>', 'needs assessment (YAML, kind: needs), or a scenario of one')
    .addOption(setOption())
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
      chooseFormat(options.format, options.out);
      const model = resolvedModel(needsPath, options);
      await publishResult(await inScenario(model, () => KINDS.needs.run!(model, {})), options);
    });
  addOutputOptions(command, CHARTS.gap);
}
