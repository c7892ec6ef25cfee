import type { Command } from 'commander';
import { findArea, loadAllocation, runAllocation, workedExample } from '../../index.js';
import { parseOverride } from '../../model/load.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('Print the worked example for one area: each step, its inputs and its number')
    .argument('<model>', 'model file (YAML)')
    .argument('<area>', 'area key (e.g. E06000022) or name (e.g. "Bath and North East Somerset")')
    .option('--set <key.path=value>', 'override a model key for this run (repeatable)', collect, [])
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare explain models/avon-and-somerset-2025-26.yaml E06000022
  $ fairshare explain models/avon-and-somerset-2025-26.yaml "North Somerset"`,
    )
    .action((modelPath: string, query: string, options: { set: string[] }) => {
      const loaded = loadAllocation(modelPath, options.set.map(parseOverride));
      const result = runAllocation(loaded);
      process.stdout.write(`${workedExample(result, findArea(result, query)).join('\n')}\n`);
    });
}
