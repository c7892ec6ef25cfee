import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrimeTally, mergeTallies, parseMonths, parseTypes } from '../../../src/data/police-uk/tally.js';
import { countCrimes } from '../../../src/io/count-crimes.js';
import { CLI } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp.js';

const AVON = 'datasets/police-uk/2023-01-avon-and-somerset-street.csv.gz';
type Row = Record<string, string>;
const csv = (path: string): Row[] => parse(gunzipSync(readFileSync(path)), { columns: true, bom: true }) as Row[];

describe('fairshare data crime: counts', () => {
  it('equal an independent recount: Avon and Somerset, January 2023, by 2023 district and type', async () => {
    // Recount with another parser and the IMD File 1 lookup, merging Somerset's districts by hand.
    const lad19 = new Map(csv('datasets/imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz').map((r) => [r['LSOA code (2011)']!, r['Local Authority District code (2019)']!]));
    const somerset = new Set(['E07000187', 'E07000188', 'E07000189', 'E07000246']);
    const expected = new Map<string, number>();
    let noLsoa = 0;
    for (const r of csv(AVON)) {
      if (!r['LSOA code']) {
        noLsoa++;
        continue;
      }
      const district = lad19.get(r['LSOA code']!);
      if (!district) continue;
      const key = `${somerset.has(district) ? 'E06000066' : district}|${r['Crime type']}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const counts = await countCrimes([AVON], { level: 'lad', vintage: 2023 });
    const got = new Map<string, number>();
    const types = counts.table.header.slice(3);
    for (const row of counts.table.rows) {
      types.forEach((_, t) => {
        const n = row[3 + t] as number;
        if (n > 0) got.set(`${row[0]}|${typesByColumn(types[t]!)}`, n);
      });
    }
    expect(got).toEqual(expected);
    expect(counts.state.noLsoa).toBe(noLsoa);
    expect(counts.state.noLsoa).toBe(758);
    expect(counts.state.unknownLsoa).toEqual([['W01001628', 1]]);
    expect(counts.state.rows).toBe(12566);
    expect(counts.state.counted + counts.state.noLsoa + 1).toBe(12566);
    // Bristol's recorded crime (excluding anti-social behaviour), as in the example dataset.
    expect(counts.table.rows.find((row) => row[0] === 'E06000023')![2]).toBe(3906);
  });

  it('roll up to CSPs and forces, by month, and filter by type and month', async () => {
    const london = 'datasets/police-uk';
    const byForce = await countCrimes([london], { level: 'pfa', vintage: 2023, types: 'burglary, Robbery', months: '2024-01..2024-06', byMonth: true });
    const months = new Set(byForce.table.rows.map((row) => row[2]));
    expect([...months].every((m) => String(m) >= '2024-01' && String(m) <= '2024-06')).toBe(true);
    expect(byForce.table.header).toEqual(['area_code', 'area_name', 'month', 'recorded_crime', 'burglary', 'robbery']);
    expect(byForce.state.filteredOut).toBeGreaterThan(0);
    const csp = await countCrimes([AVON], { level: 'csp', vintage: 2023 });
    expect(csp.table.rows.find((row) => row[0] === 'E22000369')!.slice(0, 3)).toEqual(['E22000369', 'Somerset', 2932]);
  });

  it('reads gzip and plain files alike, and folders', async () => {
    const dir = tempDir('fairshare-crime-');
    writeFileSync(join(dir, 'plain.csv'), gunzipSync(readFileSync(AVON)));
    const plain = await countCrimes([join(dir, 'plain.csv')], { level: 'lad', vintage: 2019 });
    const gz = await countCrimes([AVON], { level: 'lad', vintage: 2019 });
    expect(plain.table).toEqual(gz.table);
    expect((await countCrimes([dir], { level: 'lad', vintage: 2019 })).table).toEqual(gz.table);
  });

  it('rejects unknown types and malformed months before reading', () => {
    expect(() => parseTypes('Burglary,Arson')).toThrow(/'Arson' is not a police.uk crime type; the types are Anti-social behaviour, /);
    expect(() => parseMonths('2024-13')).toThrow(/'2024-13' is not a month like 2024-01/);
    expect(() => parseMonths('2024-06..2024-01')).toThrow(/runs backwards/);
  });

  it('property: tallies of the parts merge to the tally of the whole', () => {
    const lsoaIndex = new Map([['A', 0], ['B', 1], ['C', 2]]);
    const unplaced = new Map([['D', 'why']]);
    const record = fc.tuple(fc.constantFrom('2024-01', '2024-02', '2024-03'), fc.constantFrom('A', 'B', 'C', 'D', 'E', ''), fc.constantFrom('Drugs', 'Robbery', 'Burglary'));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.array(fc.nat(2), { minLength: 60, maxLength: 60 }), fc.boolean(), (records, parts, byMonth) => {
        const whole = new CrimeTally({ lsoaIndex, unplaced, byMonth });
        const split = [0, 1, 2].map(() => new CrimeTally({ lsoaIndex, unplaced, byMonth }));
        records.forEach((r, i) => {
          whole.add(r);
          split[parts[i]!]!.add(r);
        });
        const merged = mergeTallies(split.map((t) => t.state()), byMonth);
        const single = mergeTallies([whole.state()], byMonth);
        expect(new Map(merged.counts.map(([k, n]) => [describeKey(k, merged), n]))).toEqual(new Map(single.counts.map(([k, n]) => [describeKey(k, single), n])));
        expect([merged.rows, merged.counted, merged.noLsoa, merged.unknownLsoa, merged.unplaced]).toEqual([single.rows, single.counted, single.noLsoa, single.unknownLsoa, single.unplaced]);
      }),
      { numRuns: 300 },
    );
  });
});

const fairshare = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('fairshare data crime: the command', () => {
  it('writes CSV and reports what it could not place (quiet progress when piped)', () => {
    const out = join(tempDir('fairshare-crime-'), 'crime.csv');
    const run = fairshare(['data', 'crime', AVON, '--by', 'lad', '--out', out]);
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(
      'area_code,area_name,recorded_crime,anti_social_behaviour,bicycle_theft,burglary,criminal_damage_and_arson,drugs,other_crime,other_theft,possession_of_weapons,public_order,robbery,shoplifting,theft_from_the_person,vehicle_crime,violence_and_sexual_offences',
    );
    expect(run.stderr).toContain('fairshare: no LSOA (location not mappable by police.uk): 758');
    expect(run.stderr).not.toContain('\r');
  });

  // util-linux `script` gives the command a terminal, as a person at a prompt would have.
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('draws a progress bar on a terminal', () => {
    const out = join(tempDir('fairshare-crime-'), 'crime.csv');
    const run = spawnSync('script', ['-qec', `${process.execPath} ${CLI} data crime datasets/police-uk --jobs 1 --out ${out}`, '/dev/null'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\rreading \[#+\.*\] +\d+% \d+ MB of \d+ MB/);
    expect(run.stdout).toContain('100%');
  });

  it('gives the same counts with worker threads as in one thread', () => {
    const one = fairshare(['data', 'crime', 'datasets/police-uk', '--by', 'csp', '--by-month', '--format', 'csv', '--jobs', '1']);
    const two = fairshare(['data', 'crime', 'datasets/police-uk', '--by', 'csp', '--by-month', '--format', 'csv', '--jobs', '2']);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
  });

  it.each([
    ['a gzip file cut short', (dir: string) => writeFileSync(join(dir, 'cut.csv.gz'), readFileSync(AVON).subarray(0, 5000)), /cut\.csv\.gz: the gzip file is cut short or damaged/],
    ['a missing file', () => {}, /nowhere\.csv: no such file or folder/],
    ['a truncated last line', (dir: string) => writeFileSync(join(dir, 'cut.csv.gz'), gzipSync(gunzipSync(readFileSync(AVON)).subarray(0, 100_000))), /cut\.csv\.gz:\d+: the last line is cut short/],
  ])('exit 2, nothing written: %s', (_, make, message) => {
    const dir = tempDir('fairshare-crime-');
    make(dir);
    const input = existsSync(join(dir, 'cut.csv.gz')) ? join(dir, 'cut.csv.gz') : join(dir, 'nowhere.csv');
    const run = fairshare(['data', 'crime', input, '--out', join(dir, 'out.csv')]);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });

  it('rejects an unknown level, vintage or job count', () => {
    expect(fairshare(['data', 'crime', AVON, '--by', 'ward']).stderr).toContain("--by: unknown area level 'ward'; expected one of lsoa, lad, csp, pfa");
    expect(fairshare(['data', 'crime', AVON, '--vintage', '2022']).stderr).toContain("--vintage: unknown boundary vintage '2022'; expected one of 2019, 2020, 2021, 2023");
    expect(fairshare(['data', 'crime', AVON, '--jobs', '0']).status).toBe(2);
  });
});

function typesByColumn(column: string): string {
  const names = ['Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime', 'Other theft', 'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime', 'Violence and sexual offences'];
  return names.find((name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_') === column)!;
}

function describeKey(key: number, state: { months: string[]; types: string[] }): string {
  const type = key % 64;
  const month = Math.floor(key / 64) % 4096;
  const area = Math.floor(key / 64 / 4096);
  return `${area}|${state.months[month]}|${state.types[type]}`;
}
