/**
 * Derive datasets/derived/avon-and-somerset-lad23.csv: the indicator table of the example
 * model, for the five unitary councils of the Avon and Somerset police force area on
 * 2023 boundaries, from the untouched open data in ../shared/data.
 *
 *   npx tsx datasets/derive/avon-and-somerset-lad23.ts [SHARED_DATA_DIR [OUT_FILE]]
 *
 * Every figure is computed from the source files; nothing is typed in except the area
 * codes and the boundary merge (four Somerset districts -> Somerset council, April 2023).
 * The script prints what it could not match and refuses to write a table with gaps.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { parseNumberCell } from '../../src/data/table.js';
import { writeFileAtomic, sha256 } from '../../src/io/files.js';
import { largestRemainder } from '../../src/money/largest-remainder.js';
import { toCsv } from '../../src/report/csv.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const shared = resolve(process.argv[2] ?? join(root, '../shared/data'));

/** 2023 unitary councils of the force area, and the older codes that make each up. */
const AREAS: Record<string, readonly string[]> = {
  E06000022: ['E06000022'], // Bath and North East Somerset
  E06000023: ['E06000023'], // Bristol, City of
  E06000024: ['E06000024'], // North Somerset
  E06000025: ['E06000025'], // South Gloucestershire
  // Somerset council from 1 April 2023: Mendip, Sedgemoor, South Somerset, Somerset West and Taunton.
  E06000066: ['E07000187', 'E07000188', 'E07000189', 'E07000246'],
};
const TO_2023 = new Map(Object.entries(AREAS).flatMap(([lad23, olds]) => olds.map((old) => [old, lad23] as const)));

/**
 * Illustrative prior: the example pot's distributable amount (the contract example's
 * £3,039,479 less 10% and £50,000 top-slices) shared by mid-2019 population alone, as a
 * population-only formula would have done. Not a published allocation.
 */
const ILLUSTRATIVE_PRIOR_POUNDS = 3_039_479 - Math.round(3_039_479 * 0.1) - 50_000;

type Row = Record<string, string>;
function readCsv(file: string, delimiter = ','): Row[] {
  return parse(readFileSync(join(shared, file)), { bom: true, columns: true, delimiter, skip_empty_lines: true }) as Row[];
}
function num(cell: string | undefined, what: string): number {
  const value = cell === undefined ? undefined : parseNumberCell(cell);
  if (value === undefined) throw new Error(`${what}: expected a number, got ${JSON.stringify(cell)}`);
  return value;
}
const sources: string[] = [];
function source(file: string): string {
  sources.push(file);
  return file;
}

// Population, mid-2022 (ONS MYE22, April 2023 codes) and mid-2019 (April 2020 codes).
const population22 = new Map<string, { name: string; people: number }>();
for (const row of readCsv(source('population/mye22_MYE2_persons_single_year_age_LAD.csv'))) {
  if (AREAS[row.Code!]) population22.set(row.Code!, { name: row.Name!, people: num(row['All ages'], `MYE22 ${row.Code}`) });
}
const population19 = new Map<string, number>();
for (const row of readCsv(source('population/mye19_MYE2_persons_single_year_age_LAD_2020codes.csv'))) {
  const lad23 = TO_2023.get(row.Code!);
  if (lad23) population19.set(lad23, (population19.get(lad23) ?? 0) + num(row['All ages'], `MYE19 ${row.Code}`));
}

// LSOA (2011) -> district (2019) from IMD 2019 File 1; IMD scores and mid-2015 denominators.
const lsoaDistrict = new Map<string, string>();
for (const row of readCsv(source('imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv'))) {
  lsoaDistrict.set(row['LSOA code (2011)']!, row['Local Authority District code (2019)']!);
}
const lsoaPopulation = new Map<string, number>();
for (const row of readCsv(source('imd2019/File_6_-_IoD2019_Population_Denominators.csv'))) {
  lsoaPopulation.set(row['LSOA code (2011)']!, num(row['Total population: mid 2015 (excluding prisoners)'], `File 6 ${row['LSOA code (2011)']}`));
}
const imd = new Map<string, { weighted: number; people: number; lsoas: number }>();
for (const row of readCsv(source('imd2019/mysociety_UK_IMD_E.csv'))) {
  if (row.nation !== 'E') continue;
  const lad23 = TO_2023.get(lsoaDistrict.get(row.lsoa!) ?? '');
  if (!lad23) continue;
  const people = lsoaPopulation.get(row.lsoa!);
  if (people === undefined) throw new Error(`no mid-2015 population for LSOA ${row.lsoa}`);
  const entry = imd.get(lad23) ?? { weighted: 0, people: 0, lsoas: 0 };
  entry.weighted += num(row.overall_local_score, `IMD score ${row.lsoa}`) * people;
  entry.people += people;
  entry.lsoas += 1;
  imd.set(lad23, entry);
}
// Check against the published district averages (File 10) where boundaries did not change.
for (const row of readCsv(source('imd2019/IoD2019_File10_LAD_IMD.csv'))) {
  const code = row['Local Authority District code (2019)']!;
  const entry = imd.get(code);
  if (!entry || AREAS[code]?.length !== 1) continue;
  const published = num(row['IMD - Average score'], `File 10 ${code}`);
  if (Math.abs(entry.weighted / entry.people - published) > 0.0005) {
    throw new Error(`IMD average for ${code}: computed ${entry.weighted / entry.people}, File 10 publishes ${published}`);
  }
}
// Income-deprived people (File 10 "Income scale", a count, so it sums across a merge).
const incomeDeprived = new Map<string, number>();
for (const row of readCsv(source('imd2019/IoD2019_File10_LAD_Income.csv'))) {
  const lad23 = TO_2023.get(row['Local Authority District code (2019)']!);
  if (lad23) incomeDeprived.set(lad23, (incomeDeprived.get(lad23) ?? 0) + num(row['Income scale'], `Income scale ${lad23}`));
}

// police.uk street-level crime, January 2023: crimes and anti-social behaviour by district.
const crimes = new Map<string, number>();
const asb = new Map<string, number>();
const unmatched = { noLsoa: 0, unknownLsoa: 0, outsideForce: 0 };
const streetFile = source('police_uk_street/2023-01-avon-and-somerset-street.csv');
const streetRows = readCsv(streetFile);
for (const row of streetRows) {
  const lsoa = row['LSOA code']!.trim();
  if (lsoa === '') {
    unmatched.noLsoa++;
    continue;
  }
  const district = lsoaDistrict.get(lsoa);
  if (!district) {
    unmatched.unknownLsoa++;
    continue;
  }
  const lad23 = TO_2023.get(district);
  if (!lad23) {
    unmatched.outsideForce++;
    continue;
  }
  const counts = row['Crime type'] === 'Anti-social behaviour' ? asb : crimes;
  counts.set(lad23, (counts.get(lad23) ?? 0) + 1);
}

const codes = Object.keys(AREAS);
const gaps = codes.filter((code) => !population22.has(code) || !population19.has(code) || !imd.has(code) || !incomeDeprived.has(code) || !crimes.has(code));
if (gaps.length > 0) throw new Error(`missing source data for ${gaps.join(', ')}; no table written`);

const priorShares = largestRemainder(
  codes.map((code) => (ILLUSTRATIVE_PRIOR_POUNDS * population19.get(code)!) / codes.reduce((s, c) => s + population19.get(c)!, 0)),
  ILLUSTRATIVE_PRIOR_POUNDS,
).units;

const header = ['area_code', 'area_name', 'population', 'recorded_crime', 'asb_incidents', 'imd_score', 'income_deprived', 'population_2019', 'prior_illustrative'];
const rows = codes.map((code, i) => [
  code,
  population22.get(code)!.name,
  population22.get(code)!.people,
  crimes.get(code)!,
  asb.get(code) ?? 0,
  +(imd.get(code)!.weighted / imd.get(code)!.people).toFixed(3),
  incomeDeprived.get(code)!,
  population19.get(code)!,
  priorShares[i]!,
]);
const csv = toCsv(header, rows);
const out = resolve(process.argv[3] ?? join(root, 'datasets/derived/avon-and-somerset-lad23.csv'));
writeFileAtomic(out, csv);

const matched = streetRows.length - unmatched.noLsoa - unmatched.unknownLsoa - unmatched.outsideForce;
console.log(`wrote ${relative(process.cwd(), out)}: ${rows.length} areas, sha256 ${sha256(csv)}`);
console.log(`police.uk rows: ${streetRows.length}; matched to the five councils ${matched}; no LSOA ${unmatched.noLsoa}; LSOA not in the 2011 lookup ${unmatched.unknownLsoa}; LSOA in a district outside the force area ${unmatched.outsideForce}`);
console.log(`sources (../shared/data): ${[...new Set(sources)].map((file) => `${file} ${sha256(readFileSync(join(shared, file))).slice(0, 16)}`).join('; ')}`);
