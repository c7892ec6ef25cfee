import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { parseVintage } from '../../geography/changes.js';
import { parseLevel } from '../../geography/lookup.js';
import { countCrimes } from '../../io/count-crimes.js';
import { deprivationByArea, roundDecimal } from '../../data/deprivation.js';
import { assignLsoas } from '../../geography/lookup.js';
import { loadGeography, loadLsoaDeprivation } from '../../io/datasets.js';
import { buildIndicators } from '../../io/indicators.js';
import { buildIndicators2024 } from '../../io/indicators-2024.js';
import { chooseFormat } from '../../io/outputs.js';
import type { DataTableJson } from '../../results/index.js';
import { addNeedsOptions, needsLevel } from '../needs-options.js';
import { progressBar } from '../progress.js';
import { describeMonths, expandMonths } from '../../data/police-uk/months.js';
import { findForce, policeUkSlug } from '../../geography/forces.js';
import { defaultCache, fetchPoliceUk, POLICE_UK_ARCHIVE } from '../../io/fetch-police-uk.js';
import { fetchSources } from '../../io/fetch-sources.js';
import { forces2024, nationalMonths } from '../../io/indicators-2024.js';
import { forceAreas } from '../../geography/vintage-2024.js';
import { loadGeography2024 } from '../../io/datasets.js';
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
    .option('--vintage <year>', 'boundaries of April 2019, 2020, 2021, 2023 (England, 2011 LSOA codes) or 2024 (England and Wales, 2011 and 2021 LSOA codes)', '2024')
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
      if (options.vintage === '2024') throw new UserError("--vintage 2024: deprivation on 2024 boundaries (IoD2025 in England, WIMD 2019 in Wales) comes with each force's table: fairshare data indicators --pfa NAME");
      const assignment = assignLsoas(loadGeography(), level, parseVintage(options.vintage, '--vintage'));
      const { areas } = deprivationByArea(loadLsoaDeprivation(), assignment);
      const header = ['area_code', 'area_name', 'imd_score', 'population_mid2015', 'lsoas', 'lsoas_most_deprived_decile'];
      const rows = areas.map((a) => [a.code, a.name, roundDecimal(a.imdScore, 3), a.population, a.lsoas, a.mostDeprivedDecile]);
      const left = assignment.unplaced.size > 0 ? [`${assignment.unplaced.size} LSOA(s) could not be placed at this level and are left out: ${[...assignment.unplaced.values()][0]}`] : [];
      await publishResult(dataTable(`IMD 2019 average score by ${options.by} (${options.vintage} boundaries)`, header, rows, { report: left }), options);
      report(left);
    });

  addNeedsOptions(
    data.command('indicators').description('One indicator table for the districts or CSPs of a police force area: population, crimes by type, deprivation'),
    'with --vintage 2024: ',
  )
    .option('--vintage <year>', 'boundaries: 2024 (England and Wales, IoD2025 / WIMD 2019, mid-2024 population), or 2023, 2021, 2020 (England, IMD 2019)', '2024')
    .option('--jobs <n>', 'worker threads for reading crime files')
    .option('--population <file>', 'population table instead of the shipped ONS copy: CSV or the ONS .xlsx itself (columns Code, All ages)')
    .option('--sheet <name>', 'with an .xlsx --population or --crime-table: the sheet')
    .option('--header-row <n>', 'with an .xlsx --population or --crime-table: the row of column names')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare data indicators --pfa "Thames Valley" --out thames-valley.csv
  $ fairshare data indicators --pfa "Dyfed-Powys Police" --by csp --months 2025-01..2025-04 --annualise
  $ fairshare data indicators --pfa "Greater Manchester" --crime-table gmp-recorded-crime.xlsx --sheet Districts
  $ fairshare data indicators --pfa "Avon and Somerset" --vintage 2023 --out avon.csv`,
    )
    .action(
      async (options: {
        pfa: string;
        vintage: string;
        by: string;
        months?: string;
        annualise?: boolean;
        crime?: string[];
        crimeTable?: string;
        jobs?: string;
        population?: string;
        sheet?: string;
        headerRow?: string;
        format?: string;
        out?: string;
      }) => {
        chooseFormat(options.format, options.out);
        const headerRow = options.headerRow === undefined ? undefined : Number(options.headerRow);
        if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1)) throw new UserError(`--header-row ${options.headerRow}: expected a row number, 1 or more`);
        const sheetChoice = { ...(options.sheet !== undefined && { sheet: options.sheet }), ...(headerRow !== undefined && { headerRow }) };
        const workbooks = [options.population, options.crimeTable].filter((file) => file !== undefined && /\.xlsx$/i.test(file));
        if ((options.sheet !== undefined || headerRow !== undefined) && workbooks.length !== 1) {
          throw new UserError(workbooks.length === 0 ? '--sheet and --header-row go with an .xlsx --population or --crime-table' : '--sheet and --header-row would apply to both workbooks; give one of them as CSV');
        }
        const choiceFor = (file: string | undefined) => (file !== undefined && /\.xlsx$/i.test(file) ? sheetChoice : {});
        const jobs = options.jobs === undefined ? undefined : Number(options.jobs);
        if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UserError(`--jobs ${options.jobs}: expected a whole number of 1 or more`);
        const vintage = parseVintage(options.vintage, '--vintage');
        const population = options.population === undefined ? undefined : { file: options.population, ...choiceFor(options.population) };
        if (vintage !== 2024) {
          const only2024 = ([['--months', options.months], ['--annualise', options.annualise], ['--crime-table', options.crimeTable]] as const).find(([, value]) => value !== undefined);
          if (only2024) throw new UserError(`${only2024[0]} goes with --vintage 2024`);
          if (options.by !== 'lad') throw new UserError(`--by ${options.by}: tables on ${vintage} boundaries are by district; use --vintage 2024 for CSPs`);
        }
        const level = needsLevel(options.by);
        const bar = progressBar('reading');
        const table =
          vintage === 2024
            ? await buildIndicators2024({
                pfa: options.pfa,
                level,
                ...(options.months !== undefined && { months: options.months }),
                ...(options.annualise && { annualise: true }),
                ...(options.crime && { crime: options.crime }),
                ...(options.crimeTable !== undefined && { crimeTable: { file: options.crimeTable, ...choiceFor(options.crimeTable) } }),
                ...(population && { population }),
                ...(jobs !== undefined && { jobs }),
                onProgress: bar.update,
              })
            : await buildIndicators({
                pfa: options.pfa,
                vintage,
                ...(options.crime && { crime: options.crime }),
                ...(jobs !== undefined && { jobs }),
                ...(population && { population }),
              });
        bar.done();
        const by = level === 'lad' ? 'districts' : 'CSPs';
        await publishResult(dataTable(`Indicators for ${table.force} (${vintage} ${by})`, table.header, table.rows, { report: table.report }), options);
        report(table.report);
        report(table.warnings.map((line) => `warning: ${line}`));
      },
    );
  data
    .command('forces')
    .description('The 43 police force areas of England and Wales (2024), their districts and CSPs, and the months of police.uk crime shipped for each')
    .action(async (options: { format?: string; out?: string }) => {
      chooseFormat(options.format, options.out);
      const geography = loadGeography2024();
      const months = nationalMonths();
      const rows = forces2024(geography).map((force) => {
        const { districts, csps } = forceAreas(geography, force.code);
        const slug = policeUkSlug(force.name);
        return [force.code, force.name, slug, force.code.startsWith('W') ? 'Wales' : 'England', districts.length, csps.length, describeMonths(months.get(slug) ?? []) || 'none'];
      });
      const header = ['pfa_code', 'pfa_name', 'police_uk_name', 'nation', 'districts', 'csps', 'police_uk_months_shipped'];
      await publishResult(dataTable('Police force areas of England and Wales (2024 boundaries)', header, rows), options);
    });
  for (const command of data.commands) addOutputOptions(command);

  data
    .command('fetch')
    .description('Download police.uk street-level files for chosen forces and months, or the other catalogued sources, into a local cache (needs internet access)')
    .option('--pfa <forces...>', 'police force areas, by name as you write them ("Thames Valley", "Gwent")')
    .option('--months <list>', 'with --pfa: months, e.g. 2025-05..2025-08')
    .option('--source <names...>', 'sources in datasets/catalogue.json (e.g. iod2025-file1, mye24-population), or all')
    .option('--cache <dir>', 'the cache folder (default: $XDG_CACHE_HOME/fairshare, else ~/.cache/fairshare)')
    .option('--base-url <url>', 'where the police.uk monthly archives are', POLICE_UK_ARCHIVE)
    .option('--mirror <url>', 'with --source: a mirror standing in for https://raw.githubusercontent.com/')
    .addHelpText(
      'after',
      `
police.uk publishes one archive a month (every force, the 36 months to that month); only the
files asked for are taken out of it. Each file is checked, written whole and recorded with its
sha256 in checksums.json in the cache; run the same command again to resume or to check.

Examples:
  $ fairshare data fetch --pfa "Thames Valley" --months 2025-05..2025-08
  $ fairshare data indicators --pfa "Thames Valley" --crime ~/.cache/fairshare/police-uk
  $ fairshare data fetch --source iod2025-file1 mye24-population`,
    )
    .action(async (options: { pfa?: string[]; months?: string; source?: string[]; cache?: string; baseUrl: string; mirror?: string }) => {
      if (!options.pfa && !options.source) throw new UserError('name what to fetch: --pfa FORCE... --months LIST (police.uk files), or --source NAME... (see datasets/catalogue.json)');
      if (options.pfa && options.months === undefined) throw new UserError('--pfa goes with --months, e.g. --months 2025-05..2025-08');
      if (!options.pfa && options.months !== undefined) throw new UserError('--months goes with --pfa FORCE...');
      // One force per argument: "London, City of" has a comma in its name.
      const forces = [...new Set((options.pfa ?? []).map((name) => policeUkSlug(findForce(name, forces2024()).name)))];
      const months = options.months === undefined ? [] : expandMonths(options.months);
      if (months.length * forces.length > 2000) throw new UserError(`${months.length} months of ${forces.length} forces is more than 2,000 files; fetch fewer at a time`);
      const cache = options.cache ?? defaultCache();
      const lines: string[] = [];
      if (options.source) {
        const bar = progressBar('fetching sources');
        const sources = await fetchSources(options.source, cache, options.mirror, bar.update);
        bar.done();
        lines.push(`sources: fetched ${sources.fetched.length}, ${sources.present.length} already in the cache and unchanged, in ${sources.folder} (checksums in checksums.json)`);
      }
      if (forces.length > 0) {
        const bar = progressBar('fetching');
        const result = await fetchPoliceUk({ forces, months, baseUrl: options.baseUrl, cache, onProgress: bar.update });
        bar.done();
        lines.push(
          `fetched ${result.fetched.length} file(s), ${(result.bytes / 1e6).toFixed(1)} MB; ${result.present.length} already in the cache and unchanged`,
          ...(result.missing.length ? [`not published by police.uk: ${result.missing.join(', ')}`] : []),
          `the files are in ${result.folder} (checksums in checksums.json); use them with --crime ${result.folder}`,
        );
      }
      report(lines);
    });
}
