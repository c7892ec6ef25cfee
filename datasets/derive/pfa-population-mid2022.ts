/**
 * Derive datasets/derived/pfa-population-mid2022.csv: ONS mid-2022 population by police
 * force area (England and Wales), from the copies in datasets/: MYE22 by council (April 2023
 * codes) rolled up through the 2021 district -> force lookup (merged councils follow their
 * former districts, which all lay in one force).
 *
 *   npx tsx datasets/derive/pfa-population-mid2022.ts [OUT_FILE]
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { parseNumberCell } from '../../src/data/table.js';
import { ladForward } from '../../src/geography/changes.js';
import { datasetText, loadGeography } from '../../src/io/datasets.js';
import { sha256, writeFileAtomic } from '../../src/io/files.js';
import { toCsv } from '../../src/report/write/csv.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = resolve(process.argv[2] ?? join(root, 'datasets/derived/pfa-population-mid2022.csv'));

const geography = loadGeography();
const to2023 = ladForward(geography.changes, 2021, 2023);
const forceOf = new Map<string, { code: string; name: string }>();
for (const row of geography.cspRows) {
  const council = to2023(row.lad21.code);
  const known = forceOf.get(council);
  if (known && known.code !== row.pfa.code) throw new Error(`council ${council} lies in two forces: ${known.name} and ${row.pfa.name}`);
  forceOf.set(council, row.pfa);
}
const population = new Map<string, { name: string; people: number; councils: number }>();
const unmatched: string[] = [];
for (const row of parse(datasetText('population/mye22_MYE2_persons_single_year_age_LAD.csv.gz'), { columns: true }) as Record<string, string>[]) {
  if (!/^(E0[6-9]|W06)/.test(row.Code!)) continue; // councils of England and Wales
  const force = forceOf.get(row.Code!);
  if (!force) {
    unmatched.push(`${row.Code} ${row.Name}`);
    continue;
  }
  const entry = population.get(force.code) ?? { name: force.name, people: 0, councils: 0 };
  entry.people += parseNumberCell(row['All ages']!) ?? NaN;
  entry.councils += 1;
  population.set(force.code, entry);
}
if (unmatched.length > 0) throw new Error(`councils with no force in the lookup: ${unmatched.join(', ')}; no table written`);
const rows = [...population].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, p]) => [code, p.name, p.people, p.councils]);
const csv = toCsv(['pfa_code', 'pfa_name', 'population', 'councils'], rows);
writeFileAtomic(out, csv);
console.log(`wrote ${relative(process.cwd(), out)}: ${rows.length} force areas, ${rows.reduce((s, r) => s + (r[2] as number), 0)} people, sha256 ${sha256(csv)}`);
