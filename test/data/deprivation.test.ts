import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { deprivationByArea, roundDecimal } from '../../src/data/deprivation.js';
import { assignLsoas } from '../../src/geography/lookup.js';
import { datasetText, loadGeography, loadLsoaDeprivation } from '../../src/io/datasets.js';

const published = (parse(datasetText('imd2019/IoD2019_File10_LAD_IMD.csv'), { columns: true, bom: true }) as Record<string, string>[]).map((row) => ({
  code: row['Local Authority District code (2019)']!,
  score: Number(row['IMD - Average score']),
}));

describe('deprivation by area', () => {
  const districts2019 = deprivationByArea(loadLsoaDeprivation(), assignLsoas(loadGeography(), 'lad', 2019));
  const computed = new Map(districts2019.areas.map((area) => [area.code, area]));

  it('reproduces File 10\'s "IMD - Average score" for all 317 districts of 2019 to 3 decimals', () => {
    expect(districts2019.areas).toHaveLength(317);
    expect(districts2019.missing).toEqual([]);
    let exact = 0;
    for (const { code, score } of published) {
      const ours = computed.get(code)!.imdScore;
      // The LSOA scores are published to 3 decimals; File 10 averaged unrounded ones. So the
      // mean can differ from the published figure by up to one unit in the third decimal.
      expect(Math.abs(ours - score), code).toBeLessThan(0.001);
      if (roundDecimal(ours, 3) === score) exact++;
    }
    expect(exact).toBe(305);
  });

  it('gives one figure for a 2023 council formed by merger, weighted by population', () => {
    const councils = deprivationByArea(loadLsoaDeprivation(), assignLsoas(loadGeography(), 'lad', 2023));
    const somerset = councils.areas.find((area) => area.code === 'E06000066')!;
    const parts = ['E07000187', 'E07000188', 'E07000189', 'E07000246'].map((code) => computed.get(code)!);
    const weighted = parts.reduce((sum, part) => sum + part.imdScore * part.population, 0) / parts.reduce((sum, part) => sum + part.population, 0);
    expect(somerset.imdScore).toBeCloseTo(weighted, 10);
    expect(roundDecimal(somerset.imdScore, 3)).toBe(18.553);
    expect(somerset.lsoas).toBe(parts.reduce((sum, part) => sum + part.lsoas, 0));
    expect(councils.areas).toHaveLength(296);
  });

  it('counts LSOAs in the most deprived tenth', () => {
    expect(computed.get('E08000003')!.mostDeprivedDecile).toBeGreaterThan(0); // Manchester
    const total = districts2019.areas.reduce((sum, area) => sum + area.mostDeprivedDecile, 0);
    expect(total).toBe(3284); // ranks 1 to 3,284: a tenth of 32,844 LSOAs, rounded down
  });

  it('rounds on the decimal text, not binary noise', () => {
    expect(roundDecimal(1.0005, 3)).toBe(1.001);
    expect(roundDecimal(2.675, 2)).toBe(2.68);
    expect(roundDecimal(-1.5, 0)).toBe(-2);
  });
});
