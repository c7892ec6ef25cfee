/**
 * `fairshare data indicators --vintage 2024`: the needs-assessment table for the districts or
 * CSPs of any force in England and Wales on 2024 boundaries: ONS mid-2024 population,
 * police.uk crime by type over a span of months (the shipped national table, the user's
 * police.uk files, or the force's own recorded-crime table), and deprivation (IoD2025 in
 * England, WIMD 2019 in Wales, named as different indices). Every crime row is accounted
 * for; a table with gaps is refused rather than written.
 */
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { deprivationByArea2024, makeUp, populationByArea, type DistrictSummary, type LsoaScore } from '../data/needs-2024.js';
import { chooseMonths, describeMonths, expandMonths } from '../data/police-uk/months.js';
import { ASB, crimeReport, typeColumn } from '../data/police-uk/table.js';
import { CRIME_TYPES, CrimeTally, decodeKey, mergeTallies, type TallyState } from '../data/police-uk/tally.js';
import { parseNumberCell } from '../data/table.js';
import { roundDecimal } from '../data/deprivation.js';
import { UserError } from '../errors.js';
import { findForce, policeUkSlug } from '../geography/forces.js';
import type { AreaAssignment, Place } from '../geography/lookup.js';
import { forceAreas, type Geography2024 } from '../geography/vintage-2024.js';
import { countCrimes } from './count-crimes.js';
import { readCrimeTable } from './crime-table.js';
import { assignmentFor, datasetRows, loadGeography, loadGeography2024 } from './datasets.js';
import { packageRoot, readBytes } from './files.js';
import { populationFrom, type IndicatorTable } from './indicators.js';

export interface Indicators2024Options {
  pfa: string;
  level: 'lad' | 'csp';
  /** Months or ranges, e.g. "2025-01..2025-04,2025-09"; default the twelve months to the latest. */
  months?: string;
  /** Scale counts to twelve months. */
  annualise?: boolean;
  /** police.uk files or folders instead of the shipped national table. */
  crime?: readonly string[];
  /** The force's own recorded-crime table (CSV or XLSX by district, CSP or LSOA). */
  crimeTable?: { file: string; sheet?: string; headerRow?: number };
  /** Population by district (2024 codes) from this table instead of the shipped ONS mid-2024 copy. */
  population?: { file: string; sheet?: string; headerRow?: number };
  jobs?: number;
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

export const NATIONAL_CRIME = 'derived/police-uk-lsoa-month.csv.gz';

/** The 43 force areas of England and Wales (2024), in code order. */
export function forces2024(geography: Geography2024 = loadGeography2024()): Place[] {
  const forces = new Map<string, Place>();
  for (const district of geography.districts.values()) forces.set(district.pfa.code, district.pfa);
  return [...forces.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

let national: { header: string[]; lines: Map<string, string[]> } | undefined;

/** The shipped national police.uk table, as lines by force (parsed on demand: it has 200,000 rows). */
function nationalCrime(): { header: string[]; lines: Map<string, string[]> } {
  if (national) return national;
  const text = gunzipSync(readBytes(join(packageRoot(), 'datasets', NATIONAL_CRIME), 'shipped dataset')).toString('utf8');
  const all = text.split('\n');
  const header = all[0]!.split(',');
  const lines = new Map<string, string[]>();
  for (let i = 1; i < all.length; i++) {
    const line = all[i]!;
    if (line === '') continue;
    const force = line.slice(0, line.indexOf(','));
    let list = lines.get(force);
    if (!list) lines.set(force, (list = []));
    list.push(line);
  }
  national = { header, lines };
  return national;
}

let monthsByForce: Map<string, string[]> | undefined;

/** The months of police.uk data the shipped table holds for each force (by police.uk name). */
export function nationalMonths(): ReadonlyMap<string, readonly string[]> {
  if (monthsByForce) return monthsByForce;
  monthsByForce = new Map();
  for (const [force, lines] of nationalCrime().lines) monthsByForce.set(force, [...new Set(lines.map((line) => line.split(',', 2)[1]!))].sort());
  return monthsByForce;
}

const HOW_TO_SUPPLY =
  "give the force's police.uk files with --crime FILE... (fairshare data fetch downloads them), or the force's own recorded-crime table with --crime-table FILE (CSV or XLSX by district, CSP or LSOA: a column area_code and one column per count)";

function tallyNational(slug: string, months: ReadonlySet<string>, assignment: AreaAssignment): TallyState {
  const { header, lines } = nationalCrime();
  const types = header.slice(3).map((column) => CRIME_TYPES.find((type) => typeColumn(type) === column) ?? column);
  const tally = new CrimeTally({ lsoaIndex: assignment.index, unplaced: assignment.unplaced, months: (month) => months.has(month), byMonth: true });
  for (const line of lines.get(slug) ?? []) {
    const cells = line.split(',');
    for (let t = 0; t < types.length; t++) {
      const n = Number(cells[t + 3]);
      if (n > 0) tally.add([cells[1]!, cells[2]!, types[t]!], n);
    }
  }
  return mergeTallies([tally.state()], true);
}

/** Counts by area and type (police.uk order, all fourteen), summed over the months chosen. */
function countsByArea(state: TallyState, assignment: AreaAssignment): Map<string, number[]> {
  const byArea = new Map<string, number[]>();
  for (const [key, n] of state.counts) {
    const { area, type } = decodeKey(key);
    const code = assignment.areas[area]!.code;
    let row = byArea.get(code);
    if (!row) byArea.set(code, (row = new Array<number>(CRIME_TYPES.length).fill(0)));
    const at = (CRIME_TYPES as readonly string[]).indexOf(state.types[type]!);
    if (at < 0) throw new UserError(`police.uk crime type '${state.types[type]}' is not one of the fourteen police.uk publishes`);
    row[at]! += n;
  }
  return byArea;
}

export interface CrimeColumns {
  header: string[];
  byArea: Map<string, number[]>;
  report: string[];
  warnings: string[];
  /** Months counted, for annualising (undefined: a table that states its own period). */
  months?: number;
}

async function policeUkCrime(force: Place, areas: readonly Place[], assignment: AreaAssignment, options: Indicators2024Options): Promise<CrimeColumns> {
  const requested = options.months === undefined ? undefined : expandMonths(options.months);
  const slug = policeUkSlug(force.name);
  let state: TallyState;
  let source: string;
  let choice: ReturnType<typeof chooseMonths>;
  if (options.crime) {
    const read = (months?: string) =>
      countCrimes(options.crime!, { level: options.level, vintage: 2024, byMonth: true, ...(months !== undefined && { months }), ...(options.jobs !== undefined && { jobs: options.jobs }), ...(options.onProgress && { onProgress: options.onProgress }) });
    let counts = await read(options.months);
    choice = chooseMonths(counts.state.months, requested);
    // Months outside the default span are read again with a filter, so every row is accounted for.
    if (!requested && choice.months.length < counts.state.months.length) counts = await read(choice.months.join(','));
    state = counts.state;
    source = `police.uk files (${counts.files.length} file(s) given with --crime)`;
  } else {
    const available = nationalMonths().get(slug);
    if (!available) {
      const note = /manchester/i.test(force.name) ? ' (Greater Manchester Police has published no street-level data to police.uk since 2019)' : '';
      const held = describeMonths([...nationalMonths().values()].flat());
      throw new UserError([`${force.name}: no police.uk street-level crime in the shipped data${note}: it holds police.uk data for ${nationalMonths().size} other forces (months ${held} between them) and none for ${force.name};`, HOW_TO_SUPPLY]);
    }
    choice = chooseMonths(available, requested);
    state = tallyNational(slug, new Set(choice.months), assignment);
    source = `police.uk street-level crime, shipped national table (datasets/${NATIONAL_CRIME}), force '${slug}'`;
  }
  if (choice.absent.length > 0) {
    throw new UserError([
      `${force.name}: police.uk crime for ${describeMonths(choice.absent)} is not in ${options.crime ? 'the files given' : 'the shipped data'}; it holds ${describeMonths(options.crime ? state.months : nationalMonths().get(slug)!) || 'no months'} for this force;`,
      `choose months it holds with --months, or ${HOW_TO_SUPPLY}`,
    ]);
  }
  const byType = countsByArea(state, assignment);
  const inForce = new Set(areas.map((a) => a.code));
  let outsideRows = 0;
  const outsideAreas = new Set<string>();
  const asb = (CRIME_TYPES as readonly string[]).indexOf(ASB);
  const byArea = new Map<string, number[]>();
  for (const [code, counts] of byType) {
    byArea.set(code, [counts.reduce((sum, n, i) => (i === asb ? sum : sum + n), 0), ...counts]);
    if (inForce.has(code)) continue;
    outsideRows += counts.reduce((a, b) => a + b, 0);
    outsideAreas.add(code);
  }
  const placed = state.counted - outsideRows;
  const unknown = state.unknownLsoa.reduce((sum, [, n]) => sum + n, 0);
  const unplaced = state.unplaced.reduce((sum, [, n]) => sum + n, 0);
  const n = (value: number) => value.toLocaleString('en-GB');
  return {
    header: ['recorded_crime', ...CRIME_TYPES.map(typeColumn)],
    byArea,
    months: choice.months.length,
    warnings: choice.warnings,
    report: [
      `crime: ${source}, months ${describeMonths(choice.months)}`,
      ...crimeReport(state, 'the LSOA lookups (2021 codes, and 2011 codes ONS retired)').map((line) => `crime: ${line}`),
      `crime: every row accounted for: ${n(state.rows)} read = ${n(placed)} placed in ${force.name} + ${n(outsideRows)} in ${outsideAreas.size} area(s) outside it + ${n(state.noLsoa)} with no LSOA + ${n(unknown)} with an unknown LSOA + ${n(unplaced)} that cannot be placed + ${n(state.filteredOut)} outside the months`,
    ],
  };
}

type Row = Record<string, string>;
const number = (cell: string | undefined, what: string): number => {
  const value = cell === undefined ? undefined : parseNumberCell(cell);
  if (value === undefined) throw new Error(`shipped dataset: ${what} is not a number (${cell})`);
  return value;
};

function mye24(): Map<string, number> {
  return new Map(datasetRows('population/mye24-lad24.csv').map((row: Row) => [row.Code!, number(row['All ages'], `population of ${row.Code}`)]));
}

/** People by 2011 LSOA in mid-2015 (IoD2019 File 6), summed by CSP: the basis for splitting a district shared between CSPs. */
function csp2015People(assignment: AreaAssignment): Map<string, number> {
  const byCsp = new Map<string, number>();
  for (const row of datasetRows('imd2019/File_6_-_IoD2019_Population_Denominators.csv.gz')) {
    const at = assignment.index.get(row['LSOA code (2011)']!);
    if (at === undefined) continue;
    const code = assignment.areas[at]!.code;
    byCsp.set(code, (byCsp.get(code) ?? 0) + number(row['Total population: mid 2015 (excluding prisoners)'], 'File 6 population'));
  }
  return byCsp;
}

const deprivationTables = new Map<boolean, { lsoaScores: Map<string, LsoaScore>; published: Map<string, DistrictSummary> }>();

/** LSOA scores and published district summaries: IoD2025 for England, WIMD 2019 (no summaries) for Wales; read once. */
function deprivationData(wales: boolean): { lsoaScores: Map<string, LsoaScore>; published: Map<string, DistrictSummary> } {
  const known = deprivationTables.get(wales);
  if (known) return known;
  const lsoaScores = new Map<string, LsoaScore>();
  const published = new Map<string, DistrictSummary>();
  if (wales) {
    for (const row of datasetRows('wimd2019/wimd2019-lsoa11.csv.gz')) lsoaScores.set(row.lsoa11_code!, { score: number(row.IMD_score, 'WIMD score'), decile: number(row.IMD_decile, 'WIMD decile') });
  } else {
    for (const row of datasetRows('imd2025/imd2025-lsoa21.csv.gz')) {
      lsoaScores.set(row.lsoa21_code!, { score: number(row.IMD_score, 'IMD score'), decile: number(row.IMD_decile, 'IMD decile'), income: number(row.Income_score, 'income score') });
    }
    for (const row of datasetRows('imd2025/imd2025-lad24.csv')) {
      published.set(row.ltla24_code!, { averageScore: number(row.imd_average_score, 'IMD average score'), incomeScale: number(row.income_scale, 'income scale') });
    }
  }
  deprivationTables.set(wales, { lsoaScores, published });
  return { lsoaScores, published };
}

export async function buildIndicators2024(options: Indicators2024Options): Promise<IndicatorTable> {
  const geography = loadGeography2024();
  const force = findForce(options.pfa, forces2024(geography));
  const { districts, csps } = forceAreas(geography, force.code);
  const areas: Place[] = options.level === 'lad' ? districts.map((d) => ({ code: d.code, name: d.name })) : csps;
  const assignment = assignmentFor(options.level, 2024);
  const wales = force.code.startsWith('W');

  if (options.crimeTable && options.crime) throw new UserError('--crime and --crime-table are two crime sources: give one');
  if (options.crimeTable && (options.months !== undefined || options.annualise)) throw new UserError('--months and --annualise go with police.uk data; a --crime-table states its own period');
  const crime: CrimeColumns = options.crimeTable
    ? await readCrimeTable(options.crimeTable, { force, areas, level: options.level, geography, assignment, retired: loadGeography().changes })
    : await policeUkCrime(force, areas, assignment, options);

  const parts = makeUp(areas, districts, options.level);
  const people = options.population ? await populationFrom(options.population, 2024) : { year: 'ONS mid-2024 estimates (MYE2 - Persons)', byArea: mye24() };
  const districtPeople = people.byArea;
  const population = populationByArea(areas, parts, districtPeople, options.level === 'csp' && parts.some((p) => p.kind === 'part') ? csp2015People(assignment) : new Map());

  const { lsoaScores, published } = deprivationData(wales);
  const deprivation = deprivationByArea2024(areas, parts, assignment, lsoaScores, published, districtPeople);

  const scale = options.annualise && crime.months !== undefined ? 12 / crime.months : 1;
  const crimeCells = (counts: number[]): number[] => counts.map((n) => (scale === 1 ? n : roundDecimal(n * scale, 2)));

  const scoreColumn = wales ? 'wimd2019_score' : 'imd2025_score';
  const gaps = [...population.missing];
  const rows = areas.map((area, i) => {
    const counts = crime.byArea.get(area.code);
    const dep = deprivation.byArea[i];
    const label = `${area.code} ${area.name}`;
    if (!counts) gaps.push(`${label}: no crime counted (${crime.report[0] ?? 'crime source'})`);
    if (!dep) gaps.push(`${label}: no ${wales ? 'WIMD 2019' : 'IoD2025'} scores`);
    if (!wales && dep && dep.incomeDeprived === undefined) gaps.push(`${label}: no IoD2025 income-deprived count`);
    return [
      area.code,
      area.name,
      population.byArea[i]!,
      ...(counts ? crimeCells(counts) : crime.header.map(() => '')),
      dep ? roundDecimal(dep.score, 3) : '',
      dep?.lsoas ?? '',
      dep?.mostDeprivedDecile ?? '',
      ...(wales ? [] : [dep?.incomeDeprived ?? '']),
    ];
  });
  if (gaps.length > 0) throw new UserError([`the indicator table for ${force.name} has gaps, so none was written:`, ...gaps]);

  const level = options.level === 'lad' ? 'districts' : 'Community Safety Partnerships';
  return {
    force: force.name,
    header: ['area_code', 'area_name', 'population', ...crime.header, scoreColumn, 'lsoas', 'lsoas_most_deprived_decile', ...(wales ? [] : ['income_deprived'])],
    rows,
    warnings: [...crime.warnings],
    report: [
      `${force.name} (${force.code}): ${areas.length} ${level} on 2024 boundaries (ONS LAD 2024 to CSP to force lookup)`,
      `population: ${people.year} by district${population.estimated.length ? `; districts shared between CSPs are split by the CSPs' mid-2015 LSOA populations (IoD2019 File 6): ${population.estimated.join(', ')}` : ''}`,
      wales
        ? `${scoreColumn}: Welsh Index of Multiple Deprivation 2019, the mean of the area's LSOA scores (WIMD publishes no area score; not comparable with England's IoD2025); lsoas_most_deprived_decile: LSOAs in Wales's most deprived 10%`
        : `${scoreColumn}: English Indices of Deprivation 2025, the district average score published in File 10${options.level === 'csp' ? ' (population-weighted over the districts of a CSP)' : ''}; income_deprived: File 10 income scale${deprivation.fromLsoas.length ? `; estimated from LSOA scores for CSPs sharing a district: ${deprivation.fromLsoas.join(', ')}` : ''}`,
      ...crime.report,
      ...(scale !== 1 ? [`crime: annualised: counts over ${crime.months} months x 12/${crime.months}, to 2 decimals`] : []),
    ],
  };
}
