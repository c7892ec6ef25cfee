/**
 * Population and deprivation for the districts or CSPs of a force on 2024 boundaries, from
 * the published district figures where an area is made of whole districts, and estimated
 * from LSOAs where a district is shared between CSPs (stated in the report). Pure: tables in,
 * figures out.
 */
import { largestRemainder } from '../money/largest-remainder.js';
import type { AreaAssignment, Place } from '../geography/lookup.js';
import type { District2024 } from '../geography/vintage-2024.js';

/** How an area is made of districts: whole districts, or part of one district shared with other CSPs. */
export type AreaMakeUp = { kind: 'districts'; districts: string[] } | { kind: 'part'; district: string };

/** The make-up of each area (in `areas` order): a district is itself; a CSP is whole districts or part of one. */
export function makeUp(areas: readonly Place[], districts: readonly District2024[], level: 'lad' | 'csp'): AreaMakeUp[] {
  return areas.map((area) => {
    if (level === 'lad') return { kind: 'districts', districts: [area.code] };
    const holding = districts.filter((d) => d.csps.some((csp) => csp.code === area.code));
    const shared = holding.find((d) => d.csps.length > 1);
    return shared ? { kind: 'part', district: shared.code } : { kind: 'districts', districts: holding.map((d) => d.code) };
  });
}

export interface PopulationEstimate {
  byArea: number[];
  /** Areas whose population is a share of a district's, with the share's basis. */
  estimated: string[];
  missing: string[];
}

/**
 * Population by area: districts' mid-year estimates summed; a district shared between CSPs is
 * split in proportion to `lsoaWeights` (people by LSOA in an earlier year), to whole people
 * by largest remainder so the parts add up to the district's figure exactly.
 */
export function populationByArea(
  areas: readonly Place[],
  parts: readonly AreaMakeUp[],
  districtPopulation: ReadonlyMap<string, number>,
  areaWeights: ReadonlyMap<string, number>,
): PopulationEstimate {
  const byArea = new Array<number>(areas.length).fill(0);
  const missing: string[] = [];
  const estimated: string[] = [];
  const shared = new Map<string, number[]>();
  parts.forEach((part, i) => {
    if (part.kind === 'part') {
      shared.set(part.district, [...(shared.get(part.district) ?? []), i]);
      return;
    }
    for (const district of part.districts) {
      const people = districtPopulation.get(district);
      if (people === undefined) missing.push(`${areas[i]!.code} ${areas[i]!.name}: no population for district ${district}`);
      else byArea[i]! += people;
    }
  });
  for (const [district, members] of shared) {
    const people = districtPopulation.get(district);
    const weights = members.map((i) => areaWeights.get(areas[i]!.code) ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    if (people === undefined || total <= 0) {
      for (const i of members) missing.push(`${areas[i]!.code} ${areas[i]!.name}: no population for the part of district ${district}`);
      continue;
    }
    const units = largestRemainder(weights.map((w) => (people * w) / total), people).units;
    members.forEach((i, k) => {
      byArea[i] = units[k]!;
      estimated.push(`${areas[i]!.name} ${((100 * weights[k]!) / total).toFixed(1)}%`);
    });
  }
  return { byArea, estimated, missing };
}

export interface LsoaScore {
  score: number;
  decile: number;
  /** Income-deprivation rate (England only). */
  income?: number;
}

export interface AreaDeprivation2024 {
  score: number;
  lsoas: number;
  mostDeprivedDecile: number;
  /** Income-deprived people (England only). */
  incomeDeprived?: number;
}

export interface DistrictSummary {
  averageScore: number;
  incomeScale: number;
}

/**
 * Deprivation by area. England: the district's published average score (IoD2025 File 10),
 * the population-weighted mean of them for a CSP of several districts, and for a CSP sharing
 * a district the mean of its LSOA scores (LSOA populations are not in the open data here).
 * Wales (`published` empty): WIMD publishes no area score, so every area takes the mean of
 * its LSOA scores. LSOA counts and most-deprived-decile counts always come from the LSOAs.
 */
export function deprivationByArea2024(
  areas: readonly Place[],
  parts: readonly AreaMakeUp[],
  assignment: AreaAssignment,
  lsoas: ReadonlyMap<string, LsoaScore>,
  published: ReadonlyMap<string, DistrictSummary>,
  districtPopulation: ReadonlyMap<string, number>,
): { byArea: (AreaDeprivation2024 | undefined)[]; fromLsoas: string[] } {
  const at = new Map(areas.map((area, i) => [area.code, i]));
  const sums = areas.map(() => ({ score: 0, lsoas: 0, decile1: 0, income: 0 }));
  for (const [code, data] of lsoas) {
    const index = assignment.index.get(code);
    const i = index === undefined ? undefined : at.get(assignment.areas[index]!.code);
    if (i === undefined) continue;
    const sum = sums[i]!;
    sum.score += data.score;
    sum.lsoas += 1;
    if (data.decile === 1) sum.decile1 += 1;
    sum.income += data.income ?? 0;
  }
  const fromLsoas: string[] = [];
  const byArea = areas.map((area, i) => {
    const sum = sums[i]!;
    if (sum.lsoas === 0) return undefined;
    const part = parts[i]!;
    const base = { lsoas: sum.lsoas, mostDeprivedDecile: sum.decile1 };
    if (published.size === 0) return { ...base, score: sum.score / sum.lsoas };
    if (part.kind === 'part') {
      const district = published.get(part.district);
      // The district's income rates summed over the CSPs that share it: the split's denominator.
      const districtIncomeRates = parts.reduce((total, p, k) => (p.kind === 'part' && p.district === part.district ? total + sums[k]!.income : total), 0);
      fromLsoas.push(area.name);
      return {
        ...base,
        score: sum.score / sum.lsoas,
        ...(district && districtIncomeRates > 0 && { incomeDeprived: Math.round((district.incomeScale * sum.income) / districtIncomeRates) }),
      };
    }
    const summaries = part.districts.map((d) => ({ summary: published.get(d), people: districtPopulation.get(d) }));
    if (summaries.some((s) => !s.summary || s.people === undefined)) return undefined;
    const people = summaries.reduce((total, s) => total + s.people!, 0);
    const score = summaries.length === 1 ? summaries[0]!.summary!.averageScore : summaries.reduce((total, s) => total + s.summary!.averageScore * s.people!, 0) / people;
    return { ...base, score, incomeDeprived: summaries.reduce((total, s) => total + s.summary!.incomeScale, 0) };
  });
  return { byArea, fromLsoas };
}
