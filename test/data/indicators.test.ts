import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { buildIndicators } from '../../src/io/indicators.js';

async function refusal(run: Promise<unknown>): Promise<string[]> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return [...(error as UserError).problems];
  }
  throw new Error('expected a refusal');
}

describe('fairshare data indicators', () => {
  it('builds the Avon and Somerset table of the example model from the open data', async () => {
    const table = await buildIndicators({ pfa: 'Avon and Somerset', vintage: 2023 });
    const shipped = parse(readFileSync('datasets/derived/avon-and-somerset-lad23.csv'), { columns: true }) as Record<string, string>[];
    const at = (name: string) => table.header.indexOf(name);
    expect(table.rows.map((row) => [row[0], row[1], row[at('population')], row[at('recorded_crime')], row[at('anti_social_behaviour')], row[at('imd_score')], row[at('income_deprived')]].map(String))).toEqual(
      shipped.map((row) => [row.area_code, row.area_name, row.population, row.recorded_crime, row.asb_incidents, row.imd_score, row.income_deprived]),
    );
    expect(table.report).toContain('crime: 32 counted rows lie in 18 district(s) outside Avon and Somerset and are not in this table');
  });

  it('refuses a table with gaps, naming every area and source missing', async () => {
    const problems = await refusal(buildIndicators({ pfa: 'avon and somerset', vintage: 2023, crime: ['datasets/police-uk/2024-01-city-of-london-street.csv.gz'] }));
    expect(problems[0]).toBe('the indicator table for Avon and Somerset has gaps, so none was written:');
    expect(problems).toHaveLength(6);
    expect(problems[1]).toMatch(/^E06000022 Bath and North East Somerset: no police.uk rows in the files given \(1 file\(s\)\); are they this force's\?$/);
    const old = await refusal(buildIndicators({ pfa: 'E23000036', vintage: 2019 }));
    expect(old).toContain('E07000187 Mendip: no population for 2019 boundaries (none (ONS estimates here are on 2020 codes or later))');
  });

  it('names the nearest force for a typo, and asks for crime files it does not ship', async () => {
    expect(await refusal(buildIndicators({ pfa: 'Avon & Somerset', vintage: 2023 }))).toEqual(["--pfa: no police force area 'Avon & Somerset'; did you mean 'Avon and Somerset'?"]);
    expect(await refusal(buildIndicators({ pfa: 'Kent', vintage: 2023 }))).toEqual(['no police.uk files for Kent on 2023 boundaries: give them with --crime FILE... (files or folders), or use --vintage 2024 (the default), which covers 39 forces from the shipped national table']);
  });

  it('works for other forces and vintages: City of London on 2021 boundaries', async () => {
    const table = await buildIndicators({ pfa: 'City of London', vintage: 2021 });
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]!.slice(0, 2)).toEqual(['E09000001', 'City of London']);
  });
});
