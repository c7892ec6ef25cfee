/**
 * `fairshare data indicators`: one indicator table for the districts of a police force area
 * on a chosen boundary vintage (population, crimes by type, deprivation), joined from the
 * shipped open data and police.uk files. Every area missing from any source is reported,
 * and a table with gaps is refused rather than written.
 */
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { deprivationByArea, roundDecimal } from '../data/deprivation.js';
import { parseNumberCell } from '../data/table.js';
import { UserError } from '../errors.js';
import { ladForward, type Vintage } from '../geography/changes.js';
import { policeUkSlug } from '../geography/forces.js';
import { assignLsoas, type Place } from '../geography/lookup.js';
import { nearestKey } from '../model/schema-keys.js';
import { countCrimes } from './count-crimes.js';
import { datasetText, loadGeography, loadLsoaDeprivation } from './datasets.js';
import { expandInputs } from './crime-files.js';
import { packageRoot } from './files.js';
import { tableRecords } from './xlsx.js';

export interface IndicatorOptions {
  /** Police force area, by name ("Avon and Somerset") or code (E23000036). */
  pfa: string;
  vintage: Vintage;
  /** police.uk files or folders; default: the shipped files of that force. */
  crime?: readonly string[];
  jobs?: number;
  /** Population from this table instead of the shipped ONS copy: CSV or the ONS workbook itself (columns Code and All ages). */
  population?: { file: string; sheet?: string; headerRow?: number };
}

export interface IndicatorTable {
  header: string[];
  rows: (string | number)[][];
  /** The force area's name as ONS writes it. */
  force: string;
  /** Sources and what was left out, one sentence a line. */
  report: string[];
  /** What the user should weigh before using the table (months missing, periods mixed). */
  warnings: string[];
}

type Row = Record<string, string>;
const rows = (relative: string): Row[] => parse(datasetText(relative), { columns: true, bom: true }) as Row[];
const count = (cell: string | undefined): number => parseNumberCell(cell ?? '') ?? NaN;

/** Population from a table the user names: columns Code and All ages (the ONS MYE layout), codes of any vintage up to `vintage`. */
export async function populationFrom(source: NonNullable<IndicatorOptions['population']>, vintage: Vintage): Promise<{ year: string; byArea: Map<string, number> }> {
  const records = await tableRecords(source.file, source.file, 'population table', {
    ...(source.sheet !== undefined && { sheet: source.sheet }),
    ...(source.headerRow !== undefined && { headerRow: source.headerRow }),
  });
  const header = records.records[0] ?? [];
  const codeAt = header.indexOf('Code');
  const peopleAt = header.indexOf('All ages');
  if (codeAt < 0 || peopleAt < 0) throw new UserError(`${records.where[0] ?? source.file}: expected columns 'Code' and 'All ages' (the ONS mid-year estimates layout); got ${header.slice(0, 8).join(', ')}`);
  const forward = ladForward(loadGeography().changes, 2019, vintage);
  const byArea = new Map<string, number>();
  records.records.slice(1).forEach((record, r) => {
    const people = parseNumberCell(record[peopleAt] ?? '');
    if (people === undefined) throw new UserError(`${records.where[r + 1]}: column 'All ages': expected a number, got ${JSON.stringify(record[peopleAt] ?? '')}`);
    const code = forward(record[codeAt]!);
    byArea.set(code, (byArea.get(code) ?? 0) + people);
  });
  return { year: `from ${source.file}${source.sheet ? ` (sheet '${source.sheet}')` : ''}`, byArea };
}

/** Population by district on `vintage`: mid-2022 for 2023 boundaries, mid-2019 (summed over merges) for 2020 and 2021. */
function population(vintage: Vintage): { year: string; byArea: Map<string, number> } {
  const geography = loadGeography();
  const byArea = new Map<string, number>();
  if (vintage === 2023) {
    for (const row of rows('population/mye22_MYE2_persons_single_year_age_LAD.csv.gz')) byArea.set(row.Code!, count(row['All ages']));
    return { year: 'mid-2022 (MYE22)', byArea };
  }
  if (vintage === 2019) return { year: 'none (ONS estimates here are on 2020 codes or later)', byArea };
  const forward = ladForward(geography.changes, 2020, vintage);
  for (const row of rows('population/mye19_MYE2_persons_single_year_age_LAD_2020codes.csv.gz')) {
    const code = forward(row.Code!);
    byArea.set(code, (byArea.get(code) ?? 0) + count(row['All ages']));
  }
  return { year: 'mid-2019 (April 2020 codes, summed over later merges)', byArea };
}

/** Income-deprived people (IoD2019 File 10 "Income scale"), summed over merged districts. */
function incomeDeprived(vintage: Vintage): Map<string, number> {
  const forward = ladForward(loadGeography().changes, 2019, vintage);
  const byArea = new Map<string, number>();
  for (const row of rows('imd2019/IoD2019_File10_LAD_Income.csv')) {
    const code = forward(row['Local Authority District code (2019)']!);
    byArea.set(code, (byArea.get(code) ?? 0) + count(row['Income scale']));
  }
  return byArea;
}

/** ONS writes some names inverted ("London, City of"); compare them as people write them. */
function uninvert(name: string): string {
  return name.trim().toLowerCase().replace(/^(.*), (.*)$/, '$2 $1');
}

function findForce(query: string): Place {
  const forces = new Map<string, Place>();
  for (const row of loadGeography().cspRows) forces.set(row.pfa.code, row.pfa);
  const wanted = uninvert(query);
  const match = [...forces.values()].find((force) => force.code.toLowerCase() === wanted || uninvert(force.name) === wanted);
  if (match) return match;
  const near = nearestKey(query, [...forces.values()].map((force) => force.name));
  throw new UserError(`--pfa: no police force area '${query}'${near ? `; did you mean '${near}'?` : ''}`);
}

export async function buildIndicators(options: IndicatorOptions): Promise<IndicatorTable> {
  const force = findForce(options.pfa);
  const geography = loadGeography();
  const districts = assignLsoas(geography, 'lad', options.vintage);
  const forces = assignLsoas(geography, 'pfa', options.vintage);
  const inForce = new Set<number>();
  for (const [lsoa, at] of forces.index) if (forces.areas[at]!.code === force.code) inForce.add(districts.index.get(lsoa)!);
  const areas = [...inForce].map((at) => districts.areas[at]!).sort((a, b) => (a.code < b.code ? -1 : 1));
  if (areas.length === 0) throw new UserError(`--pfa: ${force.name} has no English districts in the lookup (Welsh LSOAs are not in the IMD 2019 data)`);

  // police.uk names its files by force: "avon-and-somerset", "city-of-london".
  const slug = policeUkSlug(force.name);
  const crimeInputs = options.crime ?? expandInputs([join(packageRoot(), 'datasets/police-uk')]).filter((file) => basename(file).includes(slug));
  if (crimeInputs.length === 0) throw new UserError(`no police.uk files for ${force.name} on ${options.vintage} boundaries: give them with --crime FILE... (files or folders), or use --vintage 2024 (the default), which covers 39 forces from the shipped national table`);
  const crime = await countCrimes(crimeInputs, { level: 'lad', vintage: options.vintage, ...(options.jobs !== undefined && { jobs: options.jobs }) });
  const crimeTypes = crime.table.header.slice(2);
  const crimeByArea = new Map(crime.table.rows.map((row) => [String(row[0]), row.slice(2)]));
  const forceCodes = new Set(areas.map((area) => area.code));
  const outside = crime.table.rows.filter((row) => !forceCodes.has(String(row[0])));
  const outsideRows = outside.reduce((sum, row) => sum + (row.slice(3) as number[]).reduce((a, b) => a + b, 0), 0);

  const people = options.population ? await populationFrom(options.population, options.vintage) : population(options.vintage);
  const deprivation = deprivationByArea(loadLsoaDeprivation(), districts);
  const deprivationByCode = new Map(deprivation.areas.map((area) => [area.code, area]));
  const income = incomeDeprived(options.vintage);

  const gaps: string[] = [];
  const rowsOut = areas.map((area) => {
    const pop = people.byArea.get(area.code);
    const crimes = crimeByArea.get(area.code);
    const imd = deprivationByCode.get(area.code);
    const poor = income.get(area.code);
    const label = `${area.code} ${area.name}`;
    if (pop === undefined || Number.isNaN(pop)) gaps.push(`${label}: no population for ${options.vintage} boundaries (${people.year})`);
    if (!crimes) gaps.push(`${label}: no police.uk rows in the files given (${crimeInputs.length} file(s)); are they this force's?`);
    if (!imd) gaps.push(`${label}: no IMD 2019 LSOA scores`);
    if (poor === undefined) gaps.push(`${label}: no IMD 2019 income-deprived count`);
    return [
      area.code,
      area.name,
      pop ?? '',
      ...(crimes ?? crimeTypes.map(() => '')),
      imd ? roundDecimal(imd.imdScore, 3) : '',
      imd?.lsoas ?? '',
      imd?.mostDeprivedDecile ?? '',
      poor ?? '',
    ];
  });
  if (gaps.length > 0) throw new UserError([`the indicator table for ${force.name} has gaps, so none was written:`, ...gaps]);
  return {
    force: force.name,
    warnings: [],
    header: ['area_code', 'area_name', 'population', ...crimeTypes, 'imd_score', 'lsoas', 'lsoas_most_deprived_decile', 'income_deprived'],
    rows: rowsOut,
    report: [
      `${force.name} (${force.code}): ${areas.length} districts on ${options.vintage} boundaries`,
      `population: ${options.population ? people.year : `ONS ${people.year}`}`,
      `imd_score: IMD 2019 LSOA scores weighted by mid-2015 population (File 6), 3 decimals; income_deprived: File 10 Income scale`,
      ...crime.report.map((line) => `crime: ${line}`),
      ...(outsideRows > 0 ? [`crime: ${outsideRows} counted rows lie in ${outside.length} district(s) outside ${force.name} and are not in this table`] : []),
    ],
  };
}
