/** The reference data shipped in datasets/, loaded (and decompressed) on demand. */
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { parseLadChanges } from '../geography/changes.js';
import type { CspRow, Geography, LsoaRecord } from '../geography/lookup.js';
import type { LsoaDeprivation } from '../data/deprivation.js';
import { parseNumberCell } from '../data/table.js';
import { packageRoot, readBytes } from './files.js';

/** Text of a shipped dataset file, gunzipped when it ends in .gz. */
export function datasetText(relative: string): string {
  const path = join(packageRoot(), 'datasets', relative);
  const bytes = readBytes(path, 'shipped dataset');
  return (relative.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

type Row = Record<string, string>;
const rows = (text: string, delimiter = ','): Row[] => parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true }) as Row[];

let geography: Geography | undefined;

export function loadGeography(): Geography {
  if (geography) return geography;
  const lsoas = new Map<string, LsoaRecord>();
  const ladNames = new Map<string, string>();
  for (const row of rows(datasetText('imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz'))) {
    const lad19 = { code: row['Local Authority District code (2019)']!, name: row['Local Authority District name (2019)']! };
    lsoas.set(row['LSOA code (2011)']!, { code: row['LSOA code (2011)']!, name: row['LSOA name (2011)']!, lad19 });
    ladNames.set(lad19.code, lad19.name);
  }
  const cspRows: CspRow[] = rows(datasetText('geography/lad21_csp_pfa_lookup.csv'), ';').map((row) => ({
    lad21: { code: row['lad-code']!, name: row['lad-name']! },
    csp: { code: row['csp-code']!, name: row['csp-name']! },
    pfa: { code: row.PFA21CD!, name: row.PFA21NM! },
  }));
  for (const row of cspRows) ladNames.set(row.lad21.code, row.lad21.name);
  const changes = parseLadChanges(datasetText('geography/lad-changes-2019-2023.csv'), 'datasets/geography/lad-changes-2019-2023.csv');
  // 2023 names as ONS publishes them with the mid-2022 estimates.
  for (const row of rows(datasetText('population/mye22_MYE2_persons_single_year_age_LAD.csv.gz'))) ladNames.set(row.Code!, row.Name!);
  geography = { lsoas, changes, cspRows, ladNames };
  return geography;
}

let deprivation: Map<string, LsoaDeprivation> | undefined;

/** IMD 2019 LSOA scores (England rows of the mySociety file), File 6 populations and File 1 deciles. */
export function loadLsoaDeprivation(): Map<string, LsoaDeprivation> {
  if (deprivation) return deprivation;
  const number = (cell: string | undefined, what: string): number => {
    const value = cell === undefined ? undefined : parseNumberCell(cell);
    if (value === undefined) throw new Error(`shipped dataset: ${what} is not a number (${cell})`);
    return value;
  };
  const population = new Map<string, number>();
  for (const row of rows(datasetText('imd2019/File_6_-_IoD2019_Population_Denominators.csv.gz'))) {
    population.set(row['LSOA code (2011)']!, number(row['Total population: mid 2015 (excluding prisoners)'], 'File 6 population'));
  }
  const decile = new Map<string, number>();
  for (const row of rows(datasetText('imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz'))) {
    decile.set(row['LSOA code (2011)']!, number(row['Index of Multiple Deprivation (IMD) Decile'], 'File 1 decile'));
  }
  deprivation = new Map();
  for (const row of rows(datasetText('imd2019/mysociety_UK_IMD_E.csv.gz'))) {
    if (row.nation !== 'E') continue;
    const lsoa = row.lsoa!;
    const people = population.get(lsoa);
    const tenth = decile.get(lsoa);
    if (people === undefined || tenth === undefined) throw new Error(`shipped datasets disagree: LSOA ${lsoa} has an IMD score but no File 6 population or File 1 decile`);
    deprivation.set(lsoa, { score: number(row.overall_local_score, `IMD score of ${lsoa}`), population: people, decile: tenth });
  }
  return deprivation;
}
