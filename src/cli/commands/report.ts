import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { emitText, overridesFrom, setOption } from '../shared.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('A self-contained HTML budget-paper section: the method in words, tables, charts, worked examples, provenance')
    .argument('<model>', 'a model or scenario (YAML): allocation models get the full paper')
    .argument('[scenarios...]', 'scenarios to compare with it (allocation models)')
    .addOption(setOption())
    .option('--out <file>', 'write the HTML to this file (FILE.html) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare report models/avon-and-somerset-2025-26.yaml --out report.html
  $ fairshare report models/avon-and-somerset-2025-26.yaml models/avon-and-somerset-crime-weighted-up.yaml models/avon-and-somerset-grant-cut-5pc.yaml --out report.html
  $ fairshare report models/dorset-like-budget-2025-26.yaml --out budget.html

The page needs no network: the charts are inline SVG and the fonts are embedded.`,
    )
    .action(async (modelPath: string, scenarioPaths: string[], options: { set: string[]; out?: string }) => {
      if (options.out !== undefined && !/\.html?$/i.test(options.out)) throw new UserError(`--out ${options.out}: a report is an HTML page; name it .html`);
      const { reportHtml } = await import('../../io/report.js');
      emitText(await reportHtml(modelPath, scenarioPaths, overridesFrom(options)), options.out, 'HTML report');
    });
}
