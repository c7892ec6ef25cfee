/**
 * The geography of April 2024 for England and Wales: every LSOA (2021) in its district, the
 * district's Community Safety Partnership(s) and its police force area, from the ONS lookups.
 * police.uk rows carry 2011 LSOA codes before 2024 and 2021 codes since; both are placed
 * here: a 2011 code that ONS retired goes where all its 2021 successors go, and is reported
 * when they part.
 *
 * Seven districts formed by merger have several CSPs (Buckinghamshire, Bournemouth,
 * Christchurch and Poole, ...). An LSOA there takes the CSP named after the former district
 * its 2011 LSOAs carry in their names ("Aylesbury Vale 001A"), whole or as one part of
 * "A and B"; a former district no CSP is named after goes to the one CSP of the district
 * named after none of its former districts (Christchurch to the Dorset partnership).
 */
import type { AreaAssignment, AreaLevel, Place } from './lookup.js';
import { lsoaDistrictName } from './lookup.js';

export interface District2024 {
  code: string;
  name: string;
  csps: Place[];
  pfa: Place;
}

export interface Lsoa2011 {
  code: string;
  name: string;
  /** U unchanged, S split, M merged, X irregular. */
  change: string;
  lsoa21: string[];
}

export interface Geography2024 {
  /** LSOA 2021 code -> its name and district (2024). */
  lsoa21: Map<string, { name: string; district: string }>;
  /** LSOA 2011 code -> its 2021 successors. */
  lsoa11: Map<string, Lsoa2011>;
  /** LSOA 2021 code -> the 2011 district names of its 2011 predecessors. */
  formerDistricts: Map<string, string[]>;
  districts: Map<string, District2024>;
}

export interface Geography2024Tables {
  /** LSOA21CD, LSOA21NM, LAD24CD, LAD24NM */
  lsoa21: readonly Record<string, string>[];
  /** lsoa11_code, lsoa11_name, change_code, lsoa21_code */
  lsoa11: readonly Record<string, string>[];
  /** ltla24_code, ltla24_name, csp24_code, csp24_name, pfa24_code, pfa24_name */
  districts: readonly Record<string, string>[];
}

export function buildGeography2024(tables: Geography2024Tables): Geography2024 {
  const districts = new Map<string, District2024>();
  for (const row of tables.districts) {
    const code = row.ltla24_code!;
    const district = districts.get(code) ?? { code, name: row.ltla24_name!, csps: [], pfa: { code: row.pfa24_code!, name: row.pfa24_name! } };
    district.csps.push({ code: row.csp24_code!, name: row.csp24_name! });
    districts.set(code, district);
  }
  const lsoa21 = new Map<string, { name: string; district: string }>();
  for (const row of tables.lsoa21) lsoa21.set(row.LSOA21CD!, { name: row.LSOA21NM!, district: row.LAD24CD! });
  const lsoa11 = new Map<string, Lsoa2011>();
  const formerDistricts = new Map<string, string[]>();
  for (const row of tables.lsoa11) {
    const code = row.lsoa11_code!;
    const record = lsoa11.get(code) ?? { code, name: row.lsoa11_name!, change: row.change_code!, lsoa21: [] };
    record.lsoa21.push(row.lsoa21_code!);
    lsoa11.set(code, record);
    const names = formerDistricts.get(row.lsoa21_code!) ?? [];
    const district = lsoaDistrictName(row.lsoa11_name!);
    if (!names.includes(district)) names.push(district);
    formerDistricts.set(row.lsoa21_code!, names);
  }
  return { lsoa21, lsoa11, formerDistricts, districts };
}

/** The CSP of each LSOA (2021) in a district with several CSPs; the reason where there is none. */
function splitDistrictCsps(geography: Geography2024, district: District2024, lsoas: readonly string[]): Map<string, Place | string> {
  const named = (former: string): Place[] => {
    const exact = district.csps.filter((csp) => csp.name === former);
    return exact.length > 0 ? exact : district.csps.filter((csp) => csp.name.split(' and ').includes(former));
  };
  const formers = new Set(lsoas.flatMap((lsoa) => geography.formerDistricts.get(lsoa) ?? []));
  const namedAfterNone = district.csps.filter((csp) => ![...formers].some((former) => named(former).includes(csp)));
  const result = new Map<string, Place | string>();
  for (const lsoa of lsoas) {
    const candidates = new Set<Place>();
    for (const former of geography.formerDistricts.get(lsoa) ?? []) {
      const matches = named(former);
      if (matches.length === 1) candidates.add(matches[0]!);
      else if (matches.length === 0 && namedAfterNone.length === 1) candidates.add(namedAfterNone[0]!);
    }
    result.set(
      lsoa,
      candidates.size === 1
        ? [...candidates][0]!
        : `district ${district.name} has several CSPs (${district.csps.map((c) => c.name).join(', ')}) and the LSOA's former district(s) ${(geography.formerDistricts.get(lsoa) ?? []).join(', ') || '(none known)'} do not pick one`,
    );
  }
  return result;
}

/**
 * Every LSOA code police.uk may carry (2021 codes, and 2011 codes ONS retired) assigned to an
 * area of `level` on 2024 boundaries. Areas are in code order.
 */
export function assign2024(geography: Geography2024, level: AreaLevel): AreaAssignment {
  const byDistrict = new Map<string, string[]>();
  for (const [code, lsoa] of geography.lsoa21) {
    const list = byDistrict.get(lsoa.district) ?? [];
    list.push(code);
    byDistrict.set(lsoa.district, list);
  }
  // The area (or why none) of every 2021 LSOA.
  const areaOf = new Map<string, Place | string>();
  for (const [districtCode, lsoas] of byDistrict) {
    const district = geography.districts.get(districtCode);
    for (const lsoa of lsoas) {
      if (level === 'lsoa') areaOf.set(lsoa, { code: lsoa, name: geography.lsoa21.get(lsoa)!.name });
      else if (!district) areaOf.set(lsoa, `district ${districtCode} is not in the district to CSP to force lookup`);
      else if (level === 'lad') areaOf.set(lsoa, { code: district.code, name: district.name });
      else if (level === 'pfa') areaOf.set(lsoa, district.pfa);
      else if (district.csps.length === 1) areaOf.set(lsoa, district.csps[0]!);
    }
    if (level === 'csp' && district && district.csps.length > 1) for (const [lsoa, csp] of splitDistrictCsps(geography, district, lsoas)) areaOf.set(lsoa, csp);
  }
  // 2011 codes ONS retired follow their successors, when these agree.
  for (const [code, record] of geography.lsoa11) {
    if (geography.lsoa21.has(code)) continue;
    const targets = record.lsoa21.map((lsoa) => areaOf.get(lsoa) ?? `its 2021 successor ${lsoa} is not in the LSOA to district lookup`);
    const places = [...new Set(targets.filter((t): t is Place => typeof t !== 'string').map((p) => p.code))];
    const why = targets.find((t): t is string => typeof t === 'string');
    if (why !== undefined) areaOf.set(code, `2011 LSOA ${code}: ${why}`);
    else if (places.length === 1) areaOf.set(code, targets[0]!);
    else areaOf.set(code, `2011 LSOA ${code} (${record.name}) was ${record.change === 'S' ? 'split' : 'redrawn'} into 2021 LSOAs in ${places.length} different areas (${places.join(', ')})`);
  }
  const places = new Map<string, Place>();
  for (const area of areaOf.values()) if (typeof area !== 'string') places.set(area.code, area);
  const areas = [...places.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const at = new Map(areas.map((area, i) => [area.code, i]));
  const index = new Map<string, number>();
  const unplaced = new Map<string, string>();
  for (const [lsoa, area] of areaOf) {
    if (typeof area === 'string') unplaced.set(lsoa, area);
    else index.set(lsoa, at.get(area.code)!);
  }
  return { index, areas, unplaced };
}

/** The districts (2024) of a force area, and its CSPs, in code order. */
export function forceAreas(geography: Geography2024, pfaCode: string): { districts: District2024[]; csps: Place[] } {
  const districts = [...geography.districts.values()].filter((d) => d.pfa.code === pfaCode).sort((a, b) => (a.code < b.code ? -1 : 1));
  const csps = new Map<string, Place>();
  for (const district of districts) for (const csp of district.csps) csps.set(csp.code, csp);
  return { districts, csps: [...csps.values()].sort((a, b) => (a.code < b.code ? -1 : 1)) };
}
