/**
 * Derive datasets/derived/avon-and-somerset-lad23.csv, the indicator table of the example
 * model: the five unitary councils of the Avon and Somerset police force area on April 2023
 * boundaries. The open-data columns come from `fairshare data indicators` (the library call
 * behind it); this script only renames two columns for the model and adds the illustrative
 * prior year.
 *
 *   npx tsx datasets/derive/avon-and-somerset-lad23.ts [SHARED_DATA_DIR [OUT_FILE]]
 *
 * SHARED_DATA_DIR (../shared/data) supplies the mid-2019 population for the prior; the rest
 * comes from the copies in datasets/.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { parseNumberCell } from '../../src/data/table.js';
import { ladForward } from '../../src/geography/changes.js';
import { loadGeography } from '../../src/io/datasets.js';
import { sha256, writeFileAtomic } from '../../src/io/files.js';
import { buildIndicators } from '../../src/io/indicators.js';
import { largestRemainder } from '../../src/money/largest-remainder.js';
import { toCsv } from '../../src/report/write/csv.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const shared = resolve(process.argv[2] ?? join(root, '../shared/data'));
const out = resolve(process.argv[3] ?? join(root, 'datasets/derived/avon-and-somerset-lad23.csv'));

/**
 * Illustrative prior: the example pot's distributable amount (the contract example's
 * £3,039,479 less 10% and £50,000 top-slices) shared by mid-2019 population alone, as a
 * population-only formula would have done. Not a published allocation.
 */
const ILLUSTRATIVE_PRIOR_POUNDS = 3_039_479 - Math.round(3_039_479 * 0.1) - 50_000;

const table = await buildIndicators({ pfa: 'Avon and Somerset', vintage: 2023, crime: [join(root, 'datasets/police-uk/2023-01-avon-and-somerset-street.csv.gz')] });
const column = (name: string) => {
  const at = table.header.indexOf(name);
  if (at < 0) throw new Error(`no column ${name} in the indicator table`);
  return (row: (string | number)[]) => row[at]!;
};

// Mid-2019 population on 2020 codes, summed to 2023 councils.
const to2023 = ladForward(loadGeography().changes, 2020, 2023);
const population2019 = new Map<string, number>();
const mye19 = parse(readFileSync(join(shared, 'population/mye19_MYE2_persons_single_year_age_LAD_2020codes.csv')), { columns: true, bom: true }) as Record<string, string>[];
for (const row of mye19) {
  const code = to2023(row.Code!);
  population2019.set(code, (population2019.get(code) ?? 0) + (parseNumberCell(row['All ages']!) ?? NaN));
}
const codes = table.rows.map((row) => String(row[0]));
const people2019 = codes.map((code) => population2019.get(code) ?? NaN);
const total2019 = people2019.reduce((a, b) => a + b, 0);
const prior = largestRemainder(people2019.map((p) => (ILLUSTRATIVE_PRIOR_POUNDS * p) / total2019), ILLUSTRATIVE_PRIOR_POUNDS).units;

const picks = ['area_code', 'area_name', 'population', 'recorded_crime', 'anti_social_behaviour', 'imd_score', 'income_deprived'].map(column);
const csv = toCsv(
  ['area_code', 'area_name', 'population', 'recorded_crime', 'asb_incidents', 'imd_score', 'income_deprived', 'population_2019', 'prior_illustrative'],
  table.rows.map((row, i) => [...picks.map((pick) => pick(row)), people2019[i]!, prior[i]!]),
);
writeFileAtomic(out, csv);
console.log(`wrote ${relative(process.cwd(), out)}: ${codes.length} areas, sha256 ${sha256(csv)}`);
for (const line of table.report) console.log(line);
