import type { Command } from 'commander';
import { budgetJsonSchema, modelJsonSchema } from '../../model/json-schema.js';
import { UserError } from '../../errors.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of model files (for editors and CI checks)')
    .option('--kind <kind>', 'allocation or budget', 'allocation')
    .addHelpText('after', '\nExamples:\n  $ fairshare schema > fairshare-model.schema.json\n  $ fairshare schema --kind budget > fairshare-budget.schema.json')
    .action((options: { kind: string }) => {
      if (options.kind !== 'allocation' && options.kind !== 'budget') throw new UserError(`--kind ${options.kind}: expected allocation or budget`);
      const schema = options.kind === 'budget' ? budgetJsonSchema() : modelJsonSchema();
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
