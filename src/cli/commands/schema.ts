import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { KINDS, type KindName } from '../../io/kinds.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of model files (for editors and CI checks)')
    .option('--kind <kind>', `${Object.keys(KINDS).join(', ')}`, 'allocation')
    .addHelpText(
      'after',
      '\nExamples:\n  $ fairshare schema > fairshare-model.schema.json\n  $ fairshare schema --kind budget > fairshare-budget.schema.json\n  $ fairshare schema --kind optimisation > fairshare-optimisation.schema.json',
    )
    .action((options: { kind: string }) => {
      if (!Object.hasOwn(KINDS, options.kind)) throw new UserError(`--kind ${options.kind}: expected one of ${Object.keys(KINDS).join(', ')}`);
      process.stdout.write(`${JSON.stringify(KINDS[options.kind as KindName].jsonSchema(), null, 2)}\n`);
    });
}
