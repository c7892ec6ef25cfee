/** The reference data shipped in datasets/, loaded (and decompressed) on demand. */
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { parseLadChanges } from '../geography/changes.js';
import type { Vintage } from '../geography/changes.js';
import { assignLsoas, type AreaAssignment, type AreaLevel, type CspRow, type Geography, type LsoaRecord } from '../geography/lookup.js';
import { assign2024, buildGeography2024, type Geography2024 } from '../geography/vintage-2024.js';
import type { LsoaDeprivation } from '../data/deprivation.js';
import { parseNumberCell, splitCsvLine } from '../data/table.js';
import { packageRoot, readBytes } from './files.js';

/** Text of a shipped dataset file, gunzipped when it ends in .gz. */
export function datasetText(relative: string): string {
  const path = join(packageRoot(), 'datasets', relative);
  const bytes = readBytes(path, 'shipped dataset');
  return (relative.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

type Row = Record<string, string>;

/**
 * Rows of a shipped CSV. These files are known and large (tens of thousands of LSOAs), so
 * they are split line by line, several times faster than a general parser, which is most of
 * a needs assessment's start-up; a file with line breaks inside quotes goes to csv-parse.
 */
function rows(text: string, delimiter = ','): Row[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '', delimiter);
  const out: Row[] = [];
  for (let i = 1; header && i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const cells = splitCsvLine(line, delimiter);
    if (!cells || cells.length !== header.length) return parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true }) as Row[];
    const row: Row = {};
    for (let c = 0; c < header.length; c++) row[header[c]!] = cells[c]!;
    out.push(row);
  }
  return header ? out : (parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true }) as Row[]);
}

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

let geography2024: Geography2024 | undefined;

/** The April 2024 geography of England and Wales (LSOA 2021 and 2011 -> district -> CSP -> force). */
export function loadGeography2024(): Geography2024 {
  geography2024 ??= buildGeography2024({
    lsoa21: rows(datasetText('geography/lsoa21-lad24.csv.gz')),
    lsoa11: rows(datasetText('geography/lsoa11-lsoa21.csv.gz')),
    districts: rows(datasetText('geography/lad24-csp24-pfa24.csv')),
  });
  return geography2024;
}

const assignments = new Map<string, AreaAssignment>();

/** The areas of `level` on boundary `vintage`, with every LSOA code placed (or why not); made once per process. */
export function assignmentFor(level: AreaLevel, vintage: Vintage): AreaAssignment {
  const key = `${level} ${vintage}`;
  let assignment = assignments.get(key);
  if (!assignment) assignments.set(key, (assignment = vintage === 2024 ? assign2024(loadGeography2024(), level) : assignLsoas(loadGeography(), level, vintage)));
  return assignment;
}

const parsed = new Map<string, readonly Row[]>();

/** Rows of a shipped CSV dataset (gunzipped when .gz), parsed once per process. */
export function datasetRows(relative: string): readonly Row[] {
  let table = parsed.get(relative);
  if (!table) parsed.set(relative, (table = rows(datasetText(relative))));
  return table;
}
