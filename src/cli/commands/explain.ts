import type { Command } from 'commander';
import { findArea, loadAllocation, runAllocation, workedExample } from '../../index.js';
import { UserError } from '../../errors.js';
import { visibleLines } from '../../report/visible.js';
import { emitText, inScenario, resolvedModel, setOption } from '../shared.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('Print the worked example for one area: each step, its inputs and its number')
    .argument('<model>', 'model file or scenario (YAML)')
    .argument('<area>', 'area key (e.g. E06000022) or name (e.g. "Bath and North East Somerset")')
    .addOption(setOption())
    .option('--out <file>', 'write the worked example to this file (FILE.txt) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare explain models/avon-and-somerset-2025-26.yaml E06000022
  $ fairshare explain models/avon-and-somerset-2025-26.yaml "North Somerset"`,
    )
    .action(async (modelPath: string, query: string, options: { set: string[]; out?: string }) => {
      if (options.out !== undefined && !/\.txt$/i.test(options.out)) throw new UserError(`--out ${options.out}: a worked example is text; name it .txt`);
      const model = resolvedModel(modelPath, options);
      const result = await inScenario(model, async () => runAllocation(await loadAllocation(model.modelPath, model.overrides)));
      emitText(visibleLines(`${workedExample(result, findArea(result, query)).join('\n')}\n`), options.out, 'worked example');
    });
}
