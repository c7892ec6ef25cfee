import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { parseVintage } from '../../geography/changes.js';
import { parseLevel } from '../../geography/lookup.js';
import { countCrimes } from '../../io/count-crimes.js';
import { deprivationByArea, roundDecimal } from '../../data/deprivation.js';
import { assignLsoas } from '../../geography/lookup.js';
import { loadGeography, loadLsoaDeprivation } from '../../io/datasets.js';
import { buildIndicators } from '../../io/indicators.js';
import { chooseFormat } from '../../io/outputs.js';
import type { DataTableJson } from '../../results/index.js';
import { progressBar } from '../progress.js';
import { addOutputOptions, publishResult } from '../shared.js';

/** A data table in its published form: each column typed by what it holds. */
function dataTable(title: string, header: readonly string[], rows: (string | number)[][], extra: Pick<DataTableJson, 'report' | 'files'> = {}): DataTableJson {
  const columns = header.map((name, c) => {
    const numeric = rows.length > 0 && rows.every((row) => typeof row[c] === 'number');
    const kind = numeric ? ('count' as const) : name === 'area_name' ? ('text' as const) : ('code' as const);
    return { name, kind };
  });
  return { result: 'table', title, columns, rows, ...extra };
}

/** What was read and left out, on stderr: one line each. */
const report = (lines: readonly string[]) => lines.length && process.stderr.write(`${lines.map((line) => `fairshare: ${line}`).join('\n')}\n`);

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
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare data crime datasets/police-uk/2023-01-avon-and-somerset-street.csv.gz --by lad --vintage 2023
  $ fairshare data crime datasets/police-uk --by csp --months 2024-01..2024-12 --by-month --out crime.csv`,
    )
    .action(async (files: string[], options: { by: string; vintage: string; types?: string; months?: string; byMonth?: boolean; jobs?: string; format?: string; out?: string }) => {
      chooseFormat(options.format, options.out);
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
      const title = `police.uk street-level crime by ${options.by}${options.by === 'lsoa' ? '' : ` (${options.vintage} boundaries)`}${options.byMonth ? ' and month' : ''}`;
      await publishResult(dataTable(title, header, rows, { report: counts.report, files: counts.files }), options);
      report(counts.report);
    });

  data
    .command('deprivation')
    .description('IMD 2019 by area: the population-weighted mean of LSOA scores (MHCLG\'s "average score"), with LSOA counts')
    .option('--by <level>', 'lad, csp or pfa', 'lad')
    .option('--vintage <year>', 'district boundaries of April 2019, 2020, 2021 or 2023', '2023')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare data deprivation --by lad --vintage 2019     # File 10's 317 district averages
  $ fairshare data deprivation --by lad --vintage 2023 --out imd-lad23.csv`,
    )
    .action(async (options: { by: string; vintage: string; format?: string; out?: string }) => {
      chooseFormat(options.format, options.out);
      const level = parseLevel(options.by, '--by');
      if (level === 'lsoa') throw new UserError('--by lsoa: the LSOA scores are the input; choose lad, csp or pfa');
      const assignment = assignLsoas(loadGeography(), level, parseVintage(options.vintage, '--vintage'));
      const { areas } = deprivationByArea(loadLsoaDeprivation(), assignment);
      const header = ['area_code', 'area_name', 'imd_score', 'population_mid2015', 'lsoas', 'lsoas_most_deprived_decile'];
      const rows = areas.map((a) => [a.code, a.name, roundDecimal(a.imdScore, 3), a.population, a.lsoas, a.mostDeprivedDecile]);
      const left = assignment.unplaced.size > 0 ? [`${assignment.unplaced.size} LSOA(s) could not be placed at this level and are left out: ${[...assignment.unplaced.values()][0]}`] : [];
      await publishResult(dataTable(`IMD 2019 average score by ${options.by} (${options.vintage} boundaries)`, header, rows, { report: left }), options);
      report(left);
    });

  data
    .command('indicators')
    .description('One indicator table for the districts of a police force area: population, crimes by type, deprivation')
    .requiredOption('--pfa <force>', 'police force area, by name or code (e.g. "Avon and Somerset")')
    .option('--vintage <year>', 'district boundaries of April 2020, 2021 or 2023', '2023')
    .option('--crime <files...>', "police.uk files or folders (default: the shipped files of that force)")
    .option('--jobs <n>', 'worker threads for reading crime files')
    .option('--population <file>', 'population table instead of the shipped ONS copy: CSV or the ONS .xlsx itself (columns Code, All ages)')
    .option('--sheet <name>', 'with an .xlsx --population: the sheet')
    .option('--header-row <n>', 'with an .xlsx --population: the row of column names')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare data indicators --pfa "Avon and Somerset" --vintage 2023 --out avon.csv
  $ fairshare data indicators --pfa "Avon and Somerset" --population mye22final.xlsx --sheet "MYE2 - Persons" --header-row 8
  $ fairshare data indicators --pfa "City of London" --crime datasets/police-uk`,
    )
    .action(async (options: { pfa: string; vintage: string; crime?: string[]; jobs?: string; population?: string; sheet?: string; headerRow?: string; format?: string; out?: string }) => {
      chooseFormat(options.format, options.out);
      const headerRow = options.headerRow === undefined ? undefined : Number(options.headerRow);
      if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1)) throw new UserError(`--header-row ${options.headerRow}: expected a row number, 1 or more`);
      if (options.population === undefined && (options.sheet !== undefined || headerRow !== undefined)) throw new UserError('--sheet and --header-row go with --population FILE.xlsx');
      const table = await buildIndicators({
        pfa: options.pfa,
        vintage: parseVintage(options.vintage, '--vintage'),
        ...(options.crime && { crime: options.crime }),
        ...(options.jobs !== undefined && { jobs: Number(options.jobs) }),
        ...(options.population !== undefined && {
          population: { file: options.population, ...(options.sheet !== undefined && { sheet: options.sheet }), ...(headerRow !== undefined && { headerRow }) },
        }),
      });
      await publishResult(dataTable(`Indicators for ${options.pfa} (${options.vintage} districts)`, table.header, table.rows, { report: table.report }), options);
      report(table.report);
    });
  for (const command of data.commands) addOutputOptions(command);
}
