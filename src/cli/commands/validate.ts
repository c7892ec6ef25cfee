import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { kindOf } from '../../io/kinds.js';
import { inScenario, resolvedModel, setOption } from '../shared.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a model, budget, optimisation or needs file and its data without running it')
    .argument('<model>', 'model file (YAML): allocation, budget, optimisation, needs or scenario')
    .addOption(setOption())
    .addHelpText('after', '\nExamples:\n  $ fairshare validate models/avon-and-somerset-2025-26.yaml\n  $ fairshare validate models/dorset-like-budget-2025-26.yaml')
    .action(async (modelPath: string, options: { set: string[] }) => {
      const model = resolvedModel(modelPath, options);
      const kind = kindOf(model, modelPath);
      if (!kind.validate) throw new UserError(`${modelPath}: ${kind.noun} has nothing to validate on its own`);
      const summary = await inScenario(model, () => kind.validate!(model));
      const scenario = model.scenarios.length > 0 ? ` (scenario on ${model.modelPath})` : '';
      process.stdout.write(`${modelPath}${scenario}: valid. ${summary}\n`);
    });
}
