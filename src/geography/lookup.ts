/**
 * Where an LSOA (2011) lies: its district on any vintage, its Community Safety Partnership
 * and its police force area. Built from the IMD 2019 LSOA file (LSOA -> 2019 district), the
 * district code changes, and the 2021 district -> CSP -> force lookup.
 */
import { UserError } from '../errors.js';
import { ladForward, type LadChange, type Vintage } from './changes.js';

export type AreaLevel = 'lsoa' | 'lad' | 'csp' | 'pfa';
export const AREA_LEVELS: readonly AreaLevel[] = ['lsoa', 'lad', 'csp', 'pfa'];

export interface Place {
  code: string;
  name: string;
}

export interface LsoaRecord {
  code: string;
  /** 2011 name, whose prefix is the 2011 district ("Poole 012B"). */
  name: string;
  lad19: Place;
}

export interface CspRow {
  lad21: Place;
  csp: Place;
  pfa: Place;
}

export interface Geography {
  lsoas: Map<string, LsoaRecord>;
  changes: readonly LadChange[];
  cspRows: readonly CspRow[];
  /** District names by code, across vintages. */
  ladNames: Map<string, string>;
}

/** The district part of a 2011 LSOA name: "Bath and North East Somerset 001A" -> "Bath and North East Somerset". */
export function lsoaDistrictName(lsoaName: string): string {
  return lsoaName.replace(/\s+\d{3}[A-Z]$/, '');
}

/**
 * The CSP of an LSOA. Most 2021 districts have one CSP. Where a district has several (the
 * partnerships of districts merged since 2011, as in Buckinghamshire or Bournemouth,
 * Christchurch and Poole), the LSOA's 2011 district name is matched against the CSP names,
 * whole or as one part of "A and B". No match: undefined, and the caller reports it.
 */
function cspFor(record: LsoaRecord, rows: readonly CspRow[]): Place | undefined {
  if (rows.length === 1) return rows[0]!.csp;
  const district = lsoaDistrictName(record.name);
  const exact = rows.find((row) => row.csp.name === district);
  if (exact) return exact.csp;
  const part = rows.filter((row) => row.csp.name.split(' and ').includes(district));
  return part.length === 1 ? part[0]!.csp : undefined;
}

export interface AreaAssignment {
  /** LSOA code -> index into `areas`. */
  index: Map<string, number>;
  areas: Place[];
  /** LSOAs the lookup knows but could not place at this level (with why). */
  unplaced: Map<string, string>;
}

/** Assign every known LSOA to an area of `level` on boundary `vintage`. */
export function assignLsoas(geography: Geography, level: AreaLevel, vintage: Vintage): AreaAssignment {
  const toVintage = ladForward(geography.changes, 2019, vintage);
  const to2021 = ladForward(geography.changes, 2019, 2021);
  const byLad21 = new Map<string, CspRow[]>();
  for (const row of geography.cspRows) {
    const list = byLad21.get(row.lad21.code) ?? [];
    list.push(row);
    byLad21.set(row.lad21.code, list);
  }
  const areaIndex = new Map<string, number>();
  const areas: Place[] = [];
  const index = new Map<string, number>();
  const unplaced = new Map<string, string>();
  const place = (lsoa: string, area: Place) => {
    let at = areaIndex.get(area.code);
    if (at === undefined) {
      at = areas.length;
      areaIndex.set(area.code, at);
      areas.push(area);
    }
    index.set(lsoa, at);
  };

  for (const record of geography.lsoas.values()) {
    if (level === 'lsoa') {
      place(record.code, { code: record.code, name: record.name });
      continue;
    }
    if (level === 'lad') {
      const code = toVintage(record.lad19.code);
      place(record.code, { code, name: geography.ladNames.get(code) ?? record.lad19.name });
      continue;
    }
    const rows = byLad21.get(to2021(record.lad19.code));
    if (!rows) {
      unplaced.set(record.code, `district ${record.lad19.code} is not in the CSP lookup`);
      continue;
    }
    const area = level === 'pfa' ? rows[0]!.pfa : cspFor(record, rows);
    if (area) place(record.code, area);
    else unplaced.set(record.code, `district ${rows[0]!.lad21.name} has several CSPs (${rows.map((r) => r.csp.name).join(', ')}) and the LSOA's 2011 district '${lsoaDistrictName(record.name)}' names none of them`);
  }
  return { index, areas, unplaced };
}

export function parseLevel(text: string, where: string): AreaLevel {
  if (!(AREA_LEVELS as readonly string[]).includes(text)) throw new UserError(`${where}: unknown area level '${text}'; expected one of ${AREA_LEVELS.join(', ')}`);
  return text as AreaLevel;
}
