import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { parseVintage } from '../../geography/changes.js';
import { parseLevel } from '../../geography/lookup.js';
import { countCrimes } from '../../io/count-crimes.js';
import { toCsv } from '../../report/csv.js';
import { layoutTable } from '../../report/table.js';
import { progressBar } from '../progress.js';
import { chooseFormat, emit } from '../shared.js';

export function registerData(program: Command): void {
  const data = program.command('data').description('Build formula indicators from open data (police.uk crime, IMD, ONS population)');

  data
    .command('crime')
    .description('Count police.uk street-level crimes by area and crime type; rows that cannot be placed are counted and reported')
    .argument('<files...>', 'police.uk street-level CSV files, plain or .gz, or folders of them')
    .option('--by <level>', 'lsoa, lad, csp or pfa', 'lad')
    .option('--vintage <year>', 'district boundaries of April 2019, 2020, 2021 or 2023', '2023')
    .option('--types <list>', 'only these crime types, comma-separated (e.g. "Burglary,Robbery")')
    .option('--months <list>', 'only these months, e.g. 2024-01..2024-06,2024-09')
    .option('--by-month', 'one row per area and month')
    .option('--jobs <n>', 'worker threads (default: one per core for large inputs)')
    .option('--format <format>', 'table, csv or json; default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare data crime datasets/police-uk/2023-01-avon-and-somerset-street.csv.gz --by lad --vintage 2023
  $ fairshare data crime datasets/police-uk --by csp --months 2024-01..2024-12 --by-month --out crime.csv`,
    )
    .action(async (files: string[], options: { by: string; vintage: string; types?: string; months?: string; byMonth?: boolean; jobs?: string; format?: string; out?: string }) => {
      const format = chooseFormat(options.format, options.out);
      const bar = progressBar('reading');
      const jobs = options.jobs === undefined ? undefined : Number(options.jobs);
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UserError(`--jobs ${options.jobs}: expected a whole number of 1 or more`);
      const counts = await countCrimes(files, {
        level: parseLevel(options.by, '--by'),
        vintage: parseVintage(options.vintage, '--vintage'),
        ...(options.types !== undefined && { types: options.types }),
        ...(options.months !== undefined && { months: options.months }),
        byMonth: options.byMonth ?? false,
        ...(jobs !== undefined && { jobs }),
        onProgress: bar.update,
      });
      bar.done();
      const { header, rows } = counts.table;
      const text =
        format === 'json'
          ? `${JSON.stringify({ columns: header, rows, report: counts.report, files: counts.files }, null, 2)}\n`
          : format === 'csv'
            ? toCsv(header, rows)
            : `${layoutTable([header, ...rows.map((row) => row.map(String))], header.map((_, i) => (i < (options.byMonth ? 3 : 2) ? 'left' : 'right'))).join('\n')}\n`;
      emit(text, options.out);
      process.stderr.write(`${counts.report.map((line) => `fairshare: ${line}`).join('\n')}\n`);
    });
}
