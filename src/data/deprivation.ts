/**
 * Deprivation by area from LSOA data: the population-weighted mean IMD score (MHCLG's
 * "average score", weighted by the IMD's own mid-2015 population denominators) and counts.
 * Pure: the LSOA data and the area assignment come in, rows go out.
 */
import type { AreaAssignment } from '../geography/lookup.js';

export interface LsoaDeprivation {
  score: number;
  /** Mid-2015 population excluding prisoners (IoD2019 File 6). */
  population: number;
  /** IMD decile, 1 = most deprived 10% of LSOAs nationally. */
  decile: number;
}

export interface AreaDeprivation {
  code: string;
  name: string;
  /** Population-weighted mean LSOA IMD score, unrounded. */
  imdScore: number;
  population: number;
  lsoas: number;
  /** LSOAs in the most deprived 10% nationally. */
  mostDeprivedDecile: number;
}

export function deprivationByArea(lsoas: ReadonlyMap<string, LsoaDeprivation>, assignment: AreaAssignment): { areas: AreaDeprivation[]; missing: string[] } {
  const sums = assignment.areas.map((place) => ({ ...place, weighted: 0, population: 0, lsoas: 0, mostDeprivedDecile: 0 }));
  const missing: string[] = [];
  for (const [lsoa, area] of assignment.index) {
    const data = lsoas.get(lsoa);
    if (!data) {
      missing.push(lsoa);
      continue;
    }
    const sum = sums[area]!;
    sum.weighted += data.score * data.population;
    sum.population += data.population;
    sum.lsoas += 1;
    if (data.decile === 1) sum.mostDeprivedDecile += 1;
  }
  const areas = sums
    .filter((sum) => sum.population > 0)
    .map((sum) => ({ code: sum.code, name: sum.name, imdScore: sum.weighted / sum.population, population: sum.population, lsoas: sum.lsoas, mostDeprivedDecile: sum.mostDeprivedDecile }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { areas, missing };
}

/** Round half away from zero to `places` decimals, on the decimal text (not binary noise). */
export function roundDecimal(value: number, places: number): number {
  const shifted = Number(`${value}e${places}`);
  return Number(`${Math.sign(shifted) * Math.round(Math.abs(shifted))}e-${places}`);
}
