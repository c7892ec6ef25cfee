import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { parseLevel } from '../../geography/lookup.js';
import { initModel } from '../../io/init.js';
import { progressBar } from '../progress.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description("Start a needs assessment for any force: its indicator table from open data, a model that allocates as written, and what to review")
    .requiredOption('--pfa <force>', 'police force area, by name as you write it ("Thames Valley Police") or ONS code')
    .option('--by <level>', 'lad (districts) or csp (Community Safety Partnerships)', 'lad')
    .option('--vintage <year>', 'boundaries: 2024 (the only vintage init builds)', '2024')
    .option('--out <dir>', "the folder to create (default: the force's name, e.g. thames-valley)")
    .option('--pot <pounds>', 'the pot to share, in pounds (default: an illustrative £1,000,000)')
    .option('--months <list>', 'months of crime, e.g. 2025-01..2025-04 (default: the twelve months to the latest published)')
    .option('--annualise', 'scale crime counts to twelve months')
    .option('--crime <files...>', 'police.uk files or folders instead of the shipped data')
    .option('--crime-table <file>', "the force's own recorded-crime table (CSV or XLSX by district, CSP or LSOA)")
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare init --pfa "Thames Valley Police"
  $ fairshare init --pfa "South Wales" --by csp --pot 2400000 --out south-wales-2026
  $ fairshare init --pfa "Greater Manchester" --crime-table gmp-recorded-crime.csv`,
    )
    .action(async (options: { pfa: string; by: string; vintage: string; out?: string; pot?: string; months?: string; annualise?: boolean; crime?: string[]; crimeTable?: string }) => {
      if (options.vintage !== '2024') throw new UserError(`--vintage ${options.vintage}: init builds on 2024 boundaries (England and Wales); for older vintages use fairshare data indicators`);
      const level = parseLevel(options.by, '--by');
      if (level !== 'lad' && level !== 'csp') throw new UserError(`--by ${options.by}: expected lad (districts) or csp (Community Safety Partnerships)`);
      const pot = options.pot === undefined ? undefined : Number(options.pot.replace(/[£,]/g, ''));
      if (pot !== undefined && Number.isNaN(pot)) throw new UserError(`--pot ${options.pot}: expected an amount in pounds, e.g. 1500000`);
      const bar = progressBar('reading');
      const result = await initModel({
        pfa: options.pfa,
        level,
        ...(options.out !== undefined && { out: options.out }),
        ...(pot !== undefined && { pot }),
        ...(options.months !== undefined && { months: options.months }),
        ...(options.annualise && { annualise: true }),
        ...(options.crime && { crime: options.crime }),
        ...(options.crimeTable !== undefined && { crimeTable: { file: options.crimeTable } }),
        onProgress: bar.update,
      });
      bar.done();
      const lines = [
        `wrote ${result.dir}/: ${result.files.join(', ')}`,
        `${result.table.force}: ${result.table.rows.length} ${level === 'lad' ? 'districts' : 'CSPs'}`,
        ...result.table.warnings.map((line) => `warning: ${line}`),
        `next: fairshare allocate ${result.dir}/model.yaml (and read ${result.dir}/README.md)`,
      ];
      process.stderr.write(`${lines.map((line) => `fairshare: ${line}`).join('\n')}\n`);
    });
}
