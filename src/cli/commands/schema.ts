import type { Command } from 'commander';
import { modelJsonSchema } from '../../index.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of model files (for editors and CI checks)')
    .addHelpText('after', '\nExample:\n  $ fairshare schema > fairshare-model.schema.json')
    .action(() => {
      process.stdout.write(`${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
    });
}
