/**
 * Any force on 2024 boundaries: every force with police.uk data gets a model that allocates
 * with no gap; the counts equal an independent recount from the raw files (an English and a
 * Welsh force); district population and IoD2025 scores equal the published figures; every
 * crime row is accounted for, against the row counts of the raw files.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { policeUkSlug } from '../../src/geography/forces.js';
import { buildIndicators2024, forces2024, nationalMonths } from '../../src/io/indicators-2024.js';
import { initModel } from '../../src/io/init.js';
import { loadAllocation, runAllocation } from '../../src/io/load-allocation.js';
import { tempDir } from '../helpers/temp.js';

const SHARED = join('..', 'shared', 'data');
type Row = Record<string, string>;
const csv = (bytes: Buffer): Row[] => parse(bytes, { columns: true, bom: true }) as Row[];

const withData = forces2024().filter((force) => nationalMonths().has(policeUkSlug(force.name)));
const column = (table: { header: string[]; rows: (string | number)[][] }, name: string) => {
  const at = table.header.indexOf(name);
  expect(at, name).toBeGreaterThanOrEqual(0);
  return new Map(table.rows.map((row) => [String(row[0]), row[at]!]));
};

describe('any force, 2024 boundaries', () => {
  it('has police.uk data for 39 of the 43 forces; the four without are the ones police.uk files here lack', () => {
    expect(forces2024()).toHaveLength(43);
    expect(withData).toHaveLength(39);
    const without = forces2024().filter((force) => !withData.includes(force)).map((force) => force.name);
    expect(without.sort()).toEqual(['Greater Manchester', 'Metropolitan Police', 'West Midlands', 'West Yorkshire']);
  });

  it.each(['lad', 'csp'] as const)('init then allocate runs with no gap for every force with data (by %s)', async (level) => {
    const root = tempDir('fairshare-init-all-');
    for (const force of withData) {
      const result = await initModel({ pfa: force.name, level, out: join(root, `${policeUkSlug(force.name)}-${level}`) });
      const loaded = await loadAllocation(join(result.dir, 'model.yaml'));
      const allocation = runAllocation(loaded);
      const total = allocation.areas.reduce((sum, area) => sum + area.allocationPence, 0);
      expect(total, force.name).toBe(100_000_000);
      expect(allocation.areas.length, force.name).toBe(result.table.rows.length);
      for (const row of result.table.rows) for (const cell of row) expect(cell === '' || (typeof cell === 'number' && !Number.isFinite(cell)), `${force.name} ${row[0]}`).toBe(false);
    }
  }, 240_000);

  it('splits a district shared between CSPs so the CSPs add up to the district exactly', async () => {
    const byLad = await buildIndicators2024({ pfa: 'Thames Valley', level: 'lad' });
    const byCsp = await buildIndicators2024({ pfa: 'Thames Valley', level: 'csp' });
    const buckinghamshire = column(byLad, 'population').get('E06000060');
    const parts = ['E22000303', 'E22000306', 'E22000311', 'E22000318'].map((code) => column(byCsp, 'population').get(code) as number);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(buckinghamshire);
    const sum = (table: typeof byLad, name: string) => [...column(table, name).values()].reduce<number>((a, b) => a + (b as number), 0);
    for (const name of ['population', 'recorded_crime', 'burglary', 'anti_social_behaviour']) expect(sum(byCsp, name), name).toBe(sum(byLad, name));
  });

  it('places Christchurch in the Dorset partnership: every LSOA of Bournemouth, Christchurch and Poole is in a CSP', async () => {
    const byCsp = await buildIndicators2024({ pfa: 'Dorset', level: 'csp' });
    expect(byCsp.report.join('\n')).toContain('0 that cannot be placed');
    expect(byCsp.rows.map((row) => row[1])).toEqual(expect.arrayContaining(['Bournemouth', 'Poole', 'Dorset']));
  });
});

describe.skipIf(!existsSync(SHARED))('any force, against the raw files in ../shared/data', () => {
  const lookup = new Map(csv(readFileSync(join(SHARED, 'lookups_lsoa21_lad_csp_pfa/LSOA_(2021)_to_Electoral_Ward_(2024)_to_LAD_(2024).csv'))).map((row) => [row.LSOA21CD!, row.LAD24CD!]));
  const rawFiles = (slug: string) =>
    readdirSync(join(SHARED, 'police_uk_street/ew_39_forces_2025'))
      .filter((name) => /^\d{4}-\d{2}$/.test(name))
      .map((month) => join(SHARED, 'police_uk_street/ew_39_forces_2025', month, `${month}-${slug}-street.csv.gz`))
      .filter((file) => existsSync(file));

  /** Crimes by district and type, counted straight from the raw police.uk files with csv-parse. */
  function recount(slug: string): Map<string, Map<string, number>> {
    const counts = new Map<string, Map<string, number>>();
    for (const file of rawFiles(slug)) {
      for (const row of csv(gunzipSync(readFileSync(file)))) {
        const district = lookup.get(row['LSOA code']!);
        if (!district) continue;
        const types = counts.get(district) ?? new Map<string, number>();
        types.set(row['Crime type']!, (types.get(row['Crime type']!) ?? 0) + 1);
        counts.set(district, types);
      }
    }
    return counts;
  }

  it.each([
    ['Thames Valley', 'thames-valley'],
    ['Gwent', 'gwent'],
  ])('%s: counts by district and type equal a recount from the raw files', async (name, slug) => {
    const table = await buildIndicators2024({ pfa: name, level: 'lad' });
    const raw = recount(slug);
    for (const [type, columnName] of [
      ['Burglary', 'burglary'],
      ['Violence and sexual offences', 'violence_and_sexual_offences'],
      ['Anti-social behaviour', 'anti_social_behaviour'],
      ['Shoplifting', 'shoplifting'],
      ['Other crime', 'other_crime'],
    ] as const) {
      for (const [code, value] of column(table, columnName)) expect(value, `${code} ${type}`).toBe(raw.get(code)?.get(type) ?? 0);
    }
    for (const [code, value] of column(table, 'recorded_crime')) {
      const types = raw.get(code)!;
      expect(value, code).toBe([...types].reduce((sum, [type, n]) => (type === 'Anti-social behaviour' ? sum : sum + n), 0));
    }
  });

  it('every crime row is accounted for, and the rows read are the rows of the raw files (MANIFEST.csv)', async () => {
    const manifest = csv(readFileSync(join(SHARED, 'police_uk_street/ew_39_forces_2025/MANIFEST.csv')));
    for (const force of withData.filter((f) => f.name !== 'London, City of' && f.name !== 'Avon and Somerset')) {
      const slug = policeUkSlug(force.name);
      const table = await buildIndicators2024({ pfa: force.name, level: 'csp' });
      const line = table.report.find((l) => l.includes('every row accounted for'))!;
      const numbers = [...line.matchAll(/([\d,]+) (?:read|placed|in \d+ area|with no LSOA|with an unknown|that cannot|outside the months)/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
      const [read, ...parts] = numbers;
      expect(parts, line).toHaveLength(6);
      expect(parts.reduce((a, b) => a + b, 0), line).toBe(read);
      const rows = manifest.filter((row) => row.file!.includes(`-${slug}-street`)).reduce((sum, row) => sum + Number(row.rows_excl_header), 0);
      expect(read, force.name).toBe(rows);
    }
  }, 120_000);

  it('district population and IoD2025 average scores are the published figures', async () => {
    const population = new Map(csv(readFileSync(join(SHARED, 'population/mye24tablesew_MYE2_persons_LibrariesHacked.csv'))).map((row) => [row.Code!, Number(row['All ages'])]));
    const imd = new Map(csv(readFileSync(join(SHARED, 'imd2025/derived/humaniverse_imd2025_england_ltla24.csv'))).map((row) => [row.ltla24_code!, Number(row.imd_average_score)]));
    let districts = 0;
    for (const force of withData) {
      const table = await buildIndicators2024({ pfa: force.name, level: 'lad' });
      for (const [code, people] of column(table, 'population')) expect(people, code).toBe(population.get(code));
      if (!force.code.startsWith('W')) for (const [code, score] of column(table, 'imd2025_score')) expect(score, code).toBe(imd.get(code));
      districts += table.rows.length;
    }
    expect(districts).toBeGreaterThan(250);
  }, 120_000);
});
