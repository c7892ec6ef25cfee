import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { initModel } from '../../io/init.js';
import { addNeedsOptions, needsLevel } from '../needs-options.js';
import { progressBar } from '../progress.js';

export function registerInit(program: Command): void {
  addNeedsOptions(
    program
      .command('init')
      .description("Start a needs assessment for any force: its indicator table from open data, a model that allocates as written, and what to review"),
  )
    .option('--vintage <year>', 'boundaries: 2024 (the only vintage init builds)', '2024')
    .option('--out <dir>', "the folder to create (default: the force's name, e.g. thames-valley)")
    .option('--pot <pounds>', 'the pot to share, in pounds (default: an illustrative £1,000,000)')
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
      const level = needsLevel(options.by);
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
