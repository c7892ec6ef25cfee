/** `fairshare data crime` as a library call: police.uk files in, counts by area and type out. */
import type { Vintage } from '../geography/changes.js';
import type { AreaLevel } from '../geography/lookup.js';
import { crimeReport, crimeTable, type CrimeTable } from '../data/police-uk/table.js';
import { parseMonths, parseTypes, type TallyState } from '../data/police-uk/tally.js';
import { expandInputs, tallyCrimeFiles } from './crime-files.js';
import { assignmentFor } from './datasets.js';

export interface CountCrimesOptions {
  level: AreaLevel;
  vintage: Vintage;
  /** police.uk crime types, comma-separated (as typed on the command line). */
  types?: string;
  /** Months or ranges, e.g. "2024-01..2024-06,2024-09". */
  months?: string;
  byMonth?: boolean;
  jobs?: number;
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

export interface CrimeCounts {
  table: CrimeTable;
  /** What was read and left out, one sentence a line. */
  report: string[];
  state: TallyState;
  files: string[];
}

export async function countCrimes(paths: readonly string[], options: CountCrimesOptions): Promise<CrimeCounts> {
  const types = options.types === undefined ? undefined : parseTypes(options.types);
  const months = options.months === undefined ? undefined : parseMonths(options.months);
  const files = expandInputs(paths);
  const assignment = assignmentFor(options.level, options.vintage);
  const byMonth = options.byMonth ?? false;
  const state = await tallyCrimeFiles(files, {
    lsoaIndex: assignment.index,
    unplaced: assignment.unplaced,
    ...(types && { types }),
    ...(months && { months, monthsText: options.months }),
    byMonth,
    ...(options.jobs !== undefined && { jobs: options.jobs }),
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  return { table: crimeTable(state, assignment.areas, byMonth), report: crimeReport(state, options.vintage === 2024 ? 'the LSOA lookups (2021 codes, and 2011 codes ONS retired)' : undefined), state, files };
}
