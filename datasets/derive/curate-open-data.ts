/**
 * Copy the open data the toolkit needs from ../shared/data into datasets/, untouched
 * (gzip-compressed where large), and record each file in datasets/manifest.json:
 * publisher, licence and attribution, source, date, derivation, rows and sha256.
 *
 *   npx tsx datasets/derive/curate-open-data.ts [SHARED_DATA_DIR]
 *
 * A copy's decompressed bytes are the source's bytes: `content_sha256` equals the source
 * file's sha256, which the tests check.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sha256, writeFileAtomic } from '../../src/io/files.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(process.argv[2] ?? join(root, '../shared/data'));

const OGL = 'Open Government Licence v3.0';
const attribution = (source: string) => `Contains public sector information licensed under the ${OGL}. Source: ${source}.`;
const MHCLG = 'Ministry of Housing, Communities and Local Government (MHCLG)';
const ONS = 'Office for National Statistics (ONS)';

interface Entry {
  source: string;
  dest: string;
  title: string;
  publisher: string;
  date: string;
  upstream: string;
  gzip?: boolean;
  /** Lines before the header that are not data (comments). */
  notes?: string;
  /** Attribution that must travel with the file beyond the OGL line (Ordnance Survey, for boundaries). */
  also?: string;
}

const boundaries = (year: string) => `Contains OS data © Crown copyright and database right ${year}`;

const police = (month: string, force: string, upstream: string): Entry => ({
  source: `police_uk_street/${force === 'avon-and-somerset' ? '' : 'city_of_london_2024-01_to_2025-12/'}${month}-${force}-street.csv`,
  dest: `police-uk/${month}-${force}-street.csv.gz`,
  title: `police.uk street-level crime, ${force === 'avon-and-somerset' ? 'Avon and Somerset Constabulary' : 'City of London Police'}, ${month}`,
  publisher: 'data.police.uk (Home Office)',
  date: month,
  upstream,
  gzip: true,
});

const months = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const ENTRIES: Entry[] = [
  {
    source: 'imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv',
    dest: 'imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz',
    title: 'English Indices of Deprivation 2019, File 1: IMD rank and decile by LSOA (2011), with the LSOA to district (2019) lookup',
    publisher: MHCLG,
    date: '2019-09-26',
    upstream: 'anetobradley/energy_flex @ 9ed05747 (gunzipped there; re-compressed here)',
    gzip: true,
  },
  {
    source: 'imd2019/File_6_-_IoD2019_Population_Denominators.csv',
    dest: 'imd2019/File_6_-_IoD2019_Population_Denominators.csv.gz',
    title: 'English Indices of Deprivation 2019, File 6: population denominators (mid-2015, excluding prisoners) by LSOA',
    publisher: MHCLG,
    date: '2019-09-26',
    upstream: 'anetobradley/energy_flex @ 9ed05747',
    gzip: true,
  },
  {
    source: 'imd2019/mysociety_UK_IMD_E.csv',
    dest: 'imd2019/mysociety_UK_IMD_E.csv.gz',
    title: 'IMD 2019 LSOA scores: England rows (nation E) carry the official MHCLG IMD 2019 score as overall_local_score; other columns are mySociety composites',
    publisher: `${MHCLG}; compiled by mySociety (composite_uk_imd)`,
    date: '2019-09-26',
    upstream: 'mysociety/composite_uk_imd @ 188c12c5 (data/packages/uk_index/UK_IMD_E.csv)',
    gzip: true,
  },
  {
    source: 'imd2019/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx',
    dest: 'imd2019/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx',
    title: 'English Indices of Deprivation 2019, File 10: local authority district summaries (lower tier, 317 districts, 2019 codes), as published',
    publisher: MHCLG,
    date: '2019-09-26',
    upstream: 'alan-turing-institute/jbc-turing-rss-testdebiasing @ aa561936',
  },
  {
    source: 'imd2019/IoD2019_File10_LAD_IMD.csv',
    dest: 'imd2019/IoD2019_File10_LAD_IMD.csv',
    title: 'IoD2019 File 10, sheet "IMD", as CSV (values unchanged)',
    publisher: MHCLG,
    date: '2019-09-26',
    upstream: 'CSV export of the File 10 sheet made for ../shared/data',
  },
  {
    source: 'imd2019/IoD2019_File10_LAD_Income.csv',
    dest: 'imd2019/IoD2019_File10_LAD_Income.csv',
    title: 'IoD2019 File 10, sheet "Income", as CSV (values unchanged; Income scale = income-deprived people)',
    publisher: MHCLG,
    date: '2019-09-26',
    upstream: 'CSV export of the File 10 sheet made for ../shared/data',
  },
  {
    source: 'population/mye22_MYE2_persons_single_year_age_LAD.csv',
    dest: 'population/mye22_MYE2_persons_single_year_age_LAD.csv.gz',
    title: 'ONS mid-year population estimates, mid-2022, persons by single year of age, UK local authorities (April 2023 geography)',
    publisher: ONS,
    date: '2024-03-26',
    upstream: 'ingridientzzz/cct_ca2_dvt @ 9d071b6b (mye22final.xlsx, sheet "MYE2 - Persons", exported to CSV for ../shared/data)',
    gzip: true,
  },
  {
    source: 'population/mye19_MYE2_persons_single_year_age_LAD_2020codes.csv',
    dest: 'population/mye19_MYE2_persons_single_year_age_LAD_2020codes.csv.gz',
    title: 'ONS mid-year population estimates, mid-2019, persons by single year of age, on April 2020 local authority codes',
    publisher: ONS,
    date: '2020-06-24',
    upstream: 'alan-turing-institute/jbc-turing-rss-testdebiasing @ 7a8db682 (ukmidyearestimates20192020ladcodes.xls, sheet "MYE2 - Persons", exported to CSV for ../shared/data)',
    gzip: true,
  },
  {
    source: 'crime_and_lookups/macoj_lad_to_csp_pfa_lookup.csv',
    dest: 'geography/lad21_csp_pfa_lookup.csv',
    title: 'Local authority district (2021) to Community Safety Partnership to police force area lookup (semicolon-separated)',
    publisher: `${ONS} Open Geography Portal; columns renamed by macoj/crime-city`,
    date: '2021',
    upstream: 'macoj/crime-city @ d4208aa3 (data/lad_to_csp.csv)',
  },
  {
    source: 'crime_and_lookups/Local_Authority_District_to_Region__December_2020__Lookup_in_England.csv',
    dest: 'geography/lad20_region_lookup.csv',
    title: 'Local authority district (December 2020) to region lookup, England',
    publisher: `${ONS} Open Geography Portal`,
    date: '2020-12',
    upstream: 'alan-turing-institute/jbc-turing-rss-testdebiasing @ 7a8db682',
  },
  {
    source: 'geo/pfa20_ew_buc_gutofthequantifier.geojson',
    dest: 'geo/pfa20_ew_buc.geojson.gz',
    title: 'Police force areas (December 2020) boundaries, England and Wales (43), GeoJSON in WGS84 with clockwise rings; properties PFA20CD, PFA20NM',
    publisher: `${ONS} Open Geography Portal (police force areas, December 2020)`,
    date: '2020-12',
    upstream: 'gutofthequantifier/gutofthequantifier.github.io @ 1e86378f (police_force_areas.geojson)',
    gzip: true,
    also: boundaries('2020'),
  },
  police('2023-01', 'avon-and-somerset', 'pawar-aa/PSAProj_TSP_MyCode @ 39fb3453'),
  ...months.map((month) => police(month, 'city-of-london', 'techinesis/UK-Crime-Explorer @ 6c02f5ee')),
];

function dataRows(bytes: Buffer, file: string): number | null {
  if (file.endsWith('.xlsx') || file.endsWith('.geojson')) return null;
  const text = bytes.toString('utf8');
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return lines.length - 1;
}

const manifestPath = join(root, 'datasets/manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { licence: string; files: Record<string, unknown>[]; copies?: unknown[] };
manifest.copies = ENTRIES.map((entry) => {
  const bytes = readFileSync(join(shared, entry.source));
  const shipped = entry.gzip ? gzipSync(bytes, { level: 9 }) : bytes;
  const dest = join(root, 'datasets', entry.dest);
  mkdirSync(dirname(dest), { recursive: true });
  writeFileAtomic(dest, shipped);
  return {
    path: entry.dest,
    title: entry.title,
    publisher: entry.publisher,
    licence: OGL,
    attribution: `${attribution(`${entry.publisher}, ${entry.title}`)}${entry.also ? ` ${entry.also}.` : ''}`,
    date: entry.date,
    source: { file: entry.source, upstream: entry.upstream },
    derivation: entry.gzip ? 'verbatim copy, gzip-compressed (level 9); decompresses to the source bytes' : 'verbatim copy',
    rows: dataRows(bytes, entry.source),
    sha256: sha256(shipped),
    content_sha256: sha256(bytes),
  };
});
writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`curated ${ENTRIES.length} files into datasets/`);
