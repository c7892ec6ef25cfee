/**
 * Derive the national datasets behind vintage 2024 (any force, England and Wales) from
 * ../shared/data: slim copies of the ONS lookups, IoD2025 and WIMD 2019 scores and ONS
 * mid-2024 population (only the columns fairshare reads, values as published), and one
 * national table of police.uk street-level counts by force, month, LSOA and crime type in
 * place of the raw monthly files.
 *
 *   npx tsx datasets/derive/national-2024.ts [SHARED_DATA_DIR] [--only FILE --out PATH]
 *
 * With --only, one file (its datasets/ path) is written to PATH and the manifest is left
 * alone: the tests re-derive each file that way and compare the bytes.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { RecordScanner } from '../../src/data/police-uk/scanner.js';
import { typeColumn } from '../../src/data/police-uk/table.js';
import { CRIME_TYPES, POLICE_UK_HEADER } from '../../src/data/police-uk/tally.js';
import { sha256, writeFileAtomic } from '../../src/io/files.js';
import { toCsv } from '../../src/report/write/csv.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
};
const only = flag('--only');
const outPath = flag('--out');
const shared = resolve(args[0] ?? join(root, '../shared/data'));

type Row = Record<string, string>;
const read = (file: string): Buffer => readFileSync(join(shared, file));
const csvRows = (file: string): Row[] => parse(read(file), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';

interface Source {
  file: string;
  publisher: string;
}
interface Derived {
  path: string;
  title: string;
  publishers: string[];
  attribution: string;
  derivation: string;
  columns: Record<string, string>;
  sources: Source[];
  build: () => { header: string[]; rows: (string | number)[][]; log?: string } | { json: unknown; rows: number };
}

const LOOKUP_LSOA21 = 'lookups_lsoa21_lad_csp_pfa/LSOA_(2021)_to_Electoral_Ward_(2024)_to_LAD_(2024).csv';
const LOOKUP_LSOA11 = 'lookups_lsoa21_lad_csp_pfa/derived/geographr_lookup_lsoa11_lsoa21_ltla22.csv';
const LOOKUP_CSP = 'lookups_lsoa21_lad_csp_pfa/derived/geographr_lookup_ltla24_csp24_pfa24.csv';
const IMD25_LSOA = 'imd2025/derived/humaniverse_imd2025_england_lsoa21.csv';
const IMD25_LAD = 'imd2025/derived/humaniverse_imd2025_england_ltla24.csv';
const WIMD19_LSOA = 'wimd2019/derived/humaniverse_imd2019_wales_lsoa11.csv';
const MYE24 = 'population/mye24tablesew_MYE2_persons_LibrariesHacked.csv';
const POLICE_2025 = 'police_uk_street/ew_39_forces_2025';
const POLICE_CITY = 'police_uk_street/city_of_london_2024-01_to_2025-12';
const POLICE_AVON_2023 = 'police_uk_street/2023-01-avon-and-somerset-street.csv';

const byCode = (a: (string | number)[], b: (string | number)[]) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0);
const pick = (row: Row, column: string, file: string): string => {
  const value = row[column];
  if (value === undefined) throw new Error(`${file}: no column '${column}'`);
  return value;
};

/** police.uk files: every force and month in ../shared/data, each (force, month) once. */
function policeFiles(): { force: string; month: string; file: string; gz: boolean }[] {
  const files = new Map<string, { force: string; month: string; file: string; gz: boolean }>();
  const add = (file: string, gz: boolean) => {
    const match = /(\d{4}-\d{2})-(.+)-street\.csv(\.gz)?$/.exec(file);
    if (!match) return;
    const key = `${match[2]} ${match[1]}`;
    // The 39-force 2025 copy first; the City of London series fills the months it lacks.
    if (!files.has(key)) files.set(key, { force: match[2]!, month: match[1]!, file, gz });
  };
  for (const month of readdirSync(join(shared, POLICE_2025)).filter((name) => /^\d{4}-\d{2}$/.test(name)).sort()) {
    for (const name of readdirSync(join(shared, POLICE_2025, month)).sort()) add(join(POLICE_2025, month, name), true);
  }
  for (const name of readdirSync(join(shared, POLICE_CITY)).sort()) add(join(POLICE_CITY, name), false);
  add(POLICE_AVON_2023, false);
  return [...files.values()].sort((a, b) => (a.force === b.force ? (a.month < b.month ? -1 : 1) : a.force < b.force ? -1 : 1));
}

function policeCounts(): { header: string[]; rows: (string | number)[][]; log: string } {
  const types = CRIME_TYPES as readonly string[];
  const rows: (string | number)[][] = [];
  let read = 0;
  const files = policeFiles();
  for (const source of files) {
    const counts = new Map<string, number[]>();
    const scanner = new RecordScanner({
      file: source.file,
      wanted: ['Month', 'LSOA code', 'Crime type'],
      expectedHeader: POLICE_UK_HEADER,
      onRecord: ([month, lsoa, type], line) => {
        if (month !== source.month) throw new Error(`${source.file}:${line}: month ${month} in a file named for ${source.month}`);
        const at = types.indexOf(type!);
        if (at < 0) throw new Error(`${source.file}:${line}: unknown crime type '${type}'`);
        let row = counts.get(lsoa!);
        if (!row) counts.set(lsoa!, (row = new Array<number>(types.length).fill(0)));
        row[at]! += 1;
        read += 1;
      },
    });
    const bytes = readFileSync(join(shared, source.file));
    scanner.push(source.gz ? gunzipSync(bytes) : bytes);
    scanner.end();
    for (const [lsoa, row] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) rows.push([source.force, source.month, lsoa, ...row]);
  }
  const forces = new Set(files.map((f) => f.force));
  return {
    header: ['force', 'month', 'lsoa_code', ...types.map(typeColumn)],
    rows,
    log: `${files.length} files, ${forces.size} forces, ${read} police.uk rows counted into ${rows.length} rows`,
  };
}

const LAD23_UK = 'geo/lad23_uk_buc_acteng.geojson';

interface Feature {
  type: 'Feature';
  properties: Record<string, string>;
  geometry: unknown;
}

const DERIVED: Derived[] = [
  {
    path: 'geo/lad24_ew_buc.geojson.gz',
    title: 'Local authority districts of England and Wales (318; May 2023 boundaries, whose codes are those of 2024), ultra generalised (BUC), GeoJSON in WGS84 with clockwise rings; properties LAD24CD, LAD24NM',
    publishers: ['Office for National Statistics'],
    attribution: `${OGL} Source: Office for National Statistics, Local Authority Districts (May 2023) Boundaries UK BUC. Contains OS data © Crown copyright and database right 2023.`,
    derivation: 'npx tsx datasets/derive/national-2024.ts: the English and Welsh features (codes E06-E09, W06) of the ONS file, properties renamed LAD24CD and LAD24NM (district codes did not change between May 2023 and 2024), geometry unchanged, one line of JSON; the row count is the number of features.',
    columns: { LAD24CD: 'district code', LAD24NM: 'district name' },
    sources: [{ file: LAD23_UK, publisher: 'ONS Open Geography Portal (Local_Authority_Districts_May_2023_UK_BUC), via acteng/boundaries' }],
    build: () => {
      const collection = JSON.parse(read(LAD23_UK).toString('utf8')) as { features: Feature[] };
      const features = collection.features
        .filter((f) => /^(E0[6-9]|W06)/.test(f.properties.LAD23CD!))
        .map((f) => ({ type: 'Feature', properties: { LAD24CD: f.properties.LAD23CD, LAD24NM: f.properties.LAD23NM }, geometry: f.geometry }))
        .sort((a, b) => (a.properties.LAD24CD! < b.properties.LAD24CD! ? -1 : 1));
      return { json: { type: 'FeatureCollection', features }, rows: features.length };
    },
  },
  {
    path: 'geography/lsoa21-lad24.csv.gz',
    title: 'LSOA (2021) to local authority district (2024), England and Wales (best fit)',
    publishers: ['Office for National Statistics'],
    attribution: `${OGL} Source: Office for National Statistics, LSOA (2021) to Electoral Ward (2024) to LAD (2024) Best Fit Lookup in EW (ONS Open Geography Portal).`,
    derivation: 'npx tsx datasets/derive/national-2024.ts: the LSOA and district columns of the ONS lookup (wards dropped), sorted by LSOA code; values unchanged.',
    columns: { LSOA21CD: 'LSOA 2021 code', LSOA21NM: 'LSOA 2021 name', LAD24CD: 'district (2024) code', LAD24NM: 'district (2024) name' },
    sources: [{ file: LOOKUP_LSOA21, publisher: 'ONS Open Geography Portal (LSOA21_WD24_LAD24_EW_LU)' }],
    build: () => {
      const rows = csvRows(LOOKUP_LSOA21).map((row) => ['LSOA21CD', 'LSOA21NM', 'LAD24CD', 'LAD24NM'].map((column) => pick(row, column, LOOKUP_LSOA21)));
      return { header: ['LSOA21CD', 'LSOA21NM', 'LAD24CD', 'LAD24NM'], rows: rows.sort(byCode) };
    },
  },
  {
    path: 'geography/lsoa11-lsoa21.csv.gz',
    title: 'LSOA (2011) to LSOA (2021), England and Wales, with the ONS change code (U unchanged, S split, M merged, X irregular)',
    publishers: ['Office for National Statistics'],
    attribution: `${OGL} Source: Office for National Statistics, LSOA (2011) to LSOA (2021) to LAD (2022) lookup (ONS Open Geography Portal, via humaniverse/geographr).`,
    derivation: 'npx tsx datasets/derive/national-2024.ts: columns lsoa11_code, lsoa11_name, change_code, lsoa21_code of the lookup; values unchanged. The 2011 names carry the 2011 district, which places LSOAs in the CSPs of districts merged since.',
    columns: { lsoa11_code: 'LSOA 2011 code', lsoa11_name: 'LSOA 2011 name (2011 district + number)', change_code: 'U, S, M or X', lsoa21_code: 'LSOA 2021 code' },
    sources: [{ file: LOOKUP_LSOA11, publisher: 'ONS via humaniverse/geographr (lookup_lsoa11_lsoa21_ltla22)' }],
    build: () => {
      const columns = ['lsoa11_code', 'lsoa11_name', 'change_code', 'lsoa21_code'];
      const rows = csvRows(LOOKUP_LSOA11).map((row) => columns.map((column) => pick(row, column, LOOKUP_LSOA11)));
      return { header: columns, rows: rows.sort((a, b) => byCode(a, b) || byCode([a[3]!], [b[3]!])) };
    },
  },
  {
    path: 'geography/lad24-csp24-pfa24.csv',
    title: 'Local authority district (December 2024) to Community Safety Partnership to police force area, England and Wales',
    publishers: ['Office for National Statistics'],
    attribution: `${OGL} Source: Office for National Statistics, LAD (Dec 2024) to Community Safety Partnership to Police Force Area Lookup in EW (ONS Open Geography Portal, via humaniverse/geographr).`,
    derivation: 'npx tsx datasets/derive/national-2024.ts: the lookup as published (332 rows: 318 districts, seven of them with several CSPs), sorted by district then CSP code.',
    columns: { ltla24_code: 'district code', ltla24_name: 'district name', csp24_code: 'CSP code', csp24_name: 'CSP name', pfa24_code: 'force area code', pfa24_name: 'force area name' },
    sources: [{ file: LOOKUP_CSP, publisher: 'ONS via humaniverse/geographr (lookup_ltla24_csp24_pfa24)' }],
    build: () => {
      const columns = ['ltla24_code', 'ltla24_name', 'csp24_code', 'csp24_name', 'pfa24_code', 'pfa24_name'];
      const rows = csvRows(LOOKUP_CSP).map((row) => columns.map((column) => pick(row, column, LOOKUP_CSP)));
      return { header: columns, rows: rows.sort((a, b) => byCode(a, b) || byCode([a[2]!], [b[2]!])) };
    },
  },
  {
    path: 'imd2025/imd2025-lsoa21.csv.gz',
    title: 'English Indices of Deprivation 2025: IMD score, rank and decile and the income and crime domain scores by LSOA (2021)',
    publishers: ['Ministry of Housing, Communities and Local Government'],
    attribution: `${OGL} Source: Ministry of Housing, Communities and Local Government, English Indices of Deprivation 2025, File 7 (via humaniverse/IMD).`,
    derivation: 'npx tsx datasets/derive/national-2024.ts: columns of the IoD2025 LSOA table as published (values unchanged), sorted by LSOA code.',
    columns: { lsoa21_code: 'LSOA 2021 code', IMD_score: 'IMD 2025 score', IMD_rank: 'IMD rank (1 = most deprived of 33,755)', IMD_decile: 'IMD decile (1 = most deprived 10%)', Income_score: 'income domain score (rate of income-deprived people)', Crime_score: 'crime domain score' },
    sources: [{ file: IMD25_LSOA, publisher: 'MHCLG IoD2025 File 7, column subset by humaniverse/IMD' }],
    build: () => {
      const columns = ['lsoa21_code', 'IMD_score', 'IMD_rank', 'IMD_decile', 'Income_score', 'Crime_score'];
      return { header: columns, rows: csvRows(IMD25_LSOA).map((row) => columns.map((column) => pick(row, column, IMD25_LSOA))).sort(byCode) };
    },
  },
  {
    path: 'imd2025/imd2025-lad24.csv',
    title: 'English Indices of Deprivation 2025, File 10: district summaries (296 districts, 2024 codes): IMD average score and rank, share of LSOAs in the most deprived 10%, income and employment scales',
    publishers: ['Ministry of Housing, Communities and Local Government'],
    attribution: `${OGL} Source: Ministry of Housing, Communities and Local Government, English Indices of Deprivation 2025, File 10 local authority district summaries (reissued 17 November 2025, via humaniverse/IMD).`,
    derivation: 'npx tsx datasets/derive/national-2024.ts: the named columns of File 10 as published (values unchanged), sorted by district code.',
    columns: {
      ltla24_code: 'district code (2024)',
      ltla24_name: 'district name',
      imd_average_score: 'IMD average score (population-weighted mean of LSOA scores, by MHCLG)',
      imd_rank_of_average_score: 'rank of average score (1 = most deprived)',
      imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally: 'share of LSOAs in the most deprived 10% nationally',
      income_scale: 'income-deprived people',
      employment_scale: 'employment-deprived people',
    },
    sources: [{ file: IMD25_LAD, publisher: 'MHCLG IoD2025 File 10 v2, joined by humaniverse/IMD' }],
    build: () => {
      const columns = ['ltla24_code', 'ltla24_name', 'imd_average_score', 'imd_rank_of_average_score', 'imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally', 'income_scale', 'employment_scale'];
      return { header: columns, rows: csvRows(IMD25_LAD).map((row) => columns.map((column) => pick(row, column, IMD25_LAD))).sort(byCode) };
    },
  },
  {
    path: 'wimd2019/wimd2019-lsoa11.csv.gz',
    title: 'Welsh Index of Multiple Deprivation 2019: overall score, rank and decile by LSOA (2011), 1,909 Welsh LSOAs',
    publishers: ['Welsh Government'],
    attribution: `${OGL} Source: Welsh Government, Welsh Index of Multiple Deprivation 2019, index and domain scores and ranks by small area (via humaniverse/IMD).`,
    derivation: 'npx tsx datasets/derive/national-2024.ts: the overall WIMD columns as published (values unchanged), sorted by LSOA code. WIMD publishes no local-authority average score; fairshare states how it summarises.',
    columns: { lsoa11_code: 'LSOA 2011 code (Wales)', IMD_score: 'WIMD 2019 overall score', IMD_rank: 'WIMD rank (1 = most deprived of 1,909)', IMD_decile: 'WIMD decile (1 = most deprived 10%)' },
    sources: [{ file: WIMD19_LSOA, publisher: 'Welsh Government WIMD 2019 scores and ranks, joined by humaniverse/IMD' }],
    build: () => {
      const columns = ['lsoa11_code', 'IMD_score', 'IMD_rank', 'IMD_decile'];
      return { header: columns, rows: csvRows(WIMD19_LSOA).map((row) => columns.map((column) => pick(row, column, WIMD19_LSOA))).sort(byCode) };
    },
  },
  {
    path: 'population/mye24-lad24.csv',
    title: 'ONS mid-2024 population estimates, all ages, England and Wales: countries, regions, counties and the 318 districts of 2024',
    publishers: ['Office for National Statistics'],
    attribution: `${OGL} Source: Office for National Statistics, Estimates of the population for England and Wales, mid-2024 (MYE2 - Persons).`,
    derivation: 'npx tsx datasets/derive/national-2024.ts: columns Code, Name, Geography and All ages of MYE2 - Persons, in the order published; values unchanged.',
    columns: { Code: 'ONS area code (2024)', Name: 'area name', Geography: 'kind of area', 'All ages': 'usual residents, all ages, mid-2024' },
    sources: [{ file: MYE24, publisher: 'ONS mid-2024 estimates (mye24tablesew.xlsx, MYE2 - Persons), CSV export by LibrariesHacked' }],
    build: () => {
      const columns = ['Code', 'Name', 'Geography', 'All ages'];
      return { header: columns, rows: csvRows(MYE24).map((row) => columns.map((column) => pick(row, column, MYE24))) };
    },
  },
  {
    path: 'derived/police-uk-lsoa-month.csv.gz',
    title: 'police.uk street-level crime counted by reporting force, month, LSOA and crime type: 39 forces for 2025-01..04 and 2025-09..12, City of London 2024-01..2025-12, Avon and Somerset 2023-01',
    publishers: ['data.police.uk (Home Office and the forces of England and Wales)'],
    attribution: `${OGL} Source: data.police.uk street-level crime data, the forces of England and Wales.`,
    derivation:
      'npx tsx datasets/derive/national-2024.ts: every row of every police.uk street-level file in ../shared/data counted by force (the file name), month, LSOA code as published (2011 codes before 2024, 2021 codes since) and crime type; rows without an LSOA are kept under an empty lsoa_code. Each (force, month) is read once: the 39-force 2025 copy first, the City of London series for the months it lacks.',
    columns: { force: 'police.uk force name in the file name', month: 'YYYY-MM', lsoa_code: 'LSOA code as in the file (empty: no location)', '(14 crime types)': 'count of rows of that type' },
    sources: [
      { file: POLICE_2025, publisher: 'data.police.uk, 39 forces, 8 months of 2025 (per-file digests in its MANIFEST.csv)' },
      { file: POLICE_CITY, publisher: 'data.police.uk, City of London Police, 2024-01..2025-12' },
      { file: POLICE_AVON_2023, publisher: 'data.police.uk, Avon and Somerset Constabulary, 2023-01' },
    ],
    build: policeCounts,
  },
];

function render(entry: Derived): { bytes: Buffer; rows: number; log?: string } {
  const built = entry.build();
  const text = Buffer.from('json' in built ? `${JSON.stringify(built.json)}\n` : toCsv(built.header, built.rows), 'utf8');
  const rows = 'json' in built ? built.rows : built.rows.length;
  return { bytes: entry.path.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text, rows, ...('log' in built && built.log !== undefined && { log: built.log }) };
}

/** A folder's digest: the sha256 of its files' names and digests, in order. */
function sourceDigest(file: string): string {
  const path = join(shared, file);
  try {
    return sha256(readFileSync(path));
  } catch {
    const list: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(join(shared, dir)).sort()) {
        const child = join(dir, name);
        try {
          list.push(`${child} ${sha256(readFileSync(join(shared, child)))}`);
        } catch {
          walk(child);
        }
      }
    };
    walk(file);
    return sha256(list.join('\n'));
  }
}

if (only !== undefined) {
  const entry = DERIVED.find((e) => e.path === only);
  if (!entry || outPath === undefined) throw new Error(`--only: expected one of ${DERIVED.map((e) => e.path).join(', ')} and --out PATH`);
  const { bytes, log } = render(entry);
  writeFileAtomic(resolve(outPath), bytes);
  if (log) console.log(log);
} else {
  const manifestFile = join(root, 'datasets/manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: { path: string }[] };
  for (const entry of DERIVED) {
    const { bytes, rows, log } = render(entry);
    mkdirSync(dirname(join(root, 'datasets', entry.path)), { recursive: true });
    writeFileAtomic(join(root, 'datasets', entry.path), bytes);
    const record = {
      path: entry.path,
      title: entry.title,
      rows,
      sha256: sha256(bytes),
      publishers: entry.publishers,
      attribution: entry.attribution,
      derivation: entry.derivation,
      rederive: ['datasets/derive/national-2024.ts', '{shared}', '--only', entry.path, '--out', '{out}'],
      columns: entry.columns,
      sources: entry.sources.map((source) => ({ ...source, sha256: sourceDigest(source.file) })),
    };
    const at = manifest.files.findIndex((f) => f.path === entry.path);
    if (at >= 0) manifest.files[at] = record;
    else manifest.files.push(record);
    console.log(`${entry.path}: ${rows} rows, ${bytes.length} bytes, sha256 ${record.sha256}${log ? `; ${log}` : ''}`);
  }
  writeFileAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
}
