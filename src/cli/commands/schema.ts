import type { Command } from 'commander';
import { budgetJsonSchema, modelJsonSchema, needsJsonSchema, optimisationJsonSchema, scenarioJsonSchema } from '../../model/json-schema.js';
import { UserError } from '../../errors.js';

const SCHEMAS: Record<string, () => Record<string, unknown>> = {
  allocation: modelJsonSchema,
  budget: budgetJsonSchema,
  optimisation: optimisationJsonSchema,
  scenario: scenarioJsonSchema,
  needs: needsJsonSchema,
};

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of model files (for editors and CI checks)')
    .option('--kind <kind>', `${Object.keys(SCHEMAS).join(', ')}`, 'allocation')
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare schema > fairshare-model.schema.json\n  $ fairshare schema --kind budget > fairshare-budget.schema.json\n  $ fairshare schema --kind optimisation > fairshare-optimisation.schema.json',
    )
    .action((options: { kind: string }) => {
      const schema = SCHEMAS[options.kind];
      if (!schema) throw new UserError(`--kind ${options.kind}: expected one of ${Object.keys(SCHEMAS).join(', ')}`);
      process.stdout.write(`${JSON.stringify(schema(), null, 2)}\n`);
    });
}
