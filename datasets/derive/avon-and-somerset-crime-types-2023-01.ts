/**
 * Derive datasets/derived/avon-and-somerset-crime-types-2023-01.csv: police.uk street-level
 * crime in January 2023 by crime type for the five unitary councils of the Avon and
 * Somerset police force area (April 2023 boundaries), with their mid-2022 population. The
 * demand side of the example needs assessment (models/avon-and-somerset-victims-needs.yaml).
 * Every column comes from `fairshare data indicators` (the library call behind it) on the
 * copies in datasets/.
 *
 *   npx tsx datasets/derive/avon-and-somerset-crime-types-2023-01.ts [OUT_FILE]
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, writeFileAtomic } from '../../src/io/files.js';
import { buildIndicators } from '../../src/io/indicators.js';
import { toCsv } from '../../src/report/write/csv.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = resolve(process.argv[2] ?? join(root, 'datasets/derived/avon-and-somerset-crime-types-2023-01.csv'));

const table = await buildIndicators({ pfa: 'Avon and Somerset', vintage: 2023, crime: [join(root, 'datasets/police-uk/2023-01-avon-and-somerset-street.csv.gz')] });
// The area, its population, and every police.uk crime type (anti-social behaviour included).
const wanted = table.header.filter((name) => !['imd_score', 'lsoas', 'lsoas_most_deprived_decile', 'income_deprived'].includes(name));
const at = wanted.map((name) => table.header.indexOf(name));
const csv = toCsv(wanted, table.rows.map((row) => at.map((i) => row[i]!)));
writeFileAtomic(out, csv);
console.log(`wrote ${relative(process.cwd(), out)}: ${table.rows.length} areas, sha256 ${sha256(csv)}`);
for (const line of table.report) console.log(line);
