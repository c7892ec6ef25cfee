/**
 * A force's own recorded-crime table as the crime source of a needs assessment (for forces
 * with no police.uk street-level data, such as Greater Manchester): CSV or XLSX, one row per
 * district, CSP or LSOA on 2024 boundaries, a code column and one column per count. Codes of
 * other vintages, unknown codes, codes outside the force, repeats and areas left out are
 * refused, each with its row.
 */
import { parseNumberCell } from '../data/table.js';
import { UserError } from '../errors.js';
import type { LadChange } from '../geography/changes.js';
import type { AreaAssignment, Place } from '../geography/lookup.js';
import type { Geography2024 } from '../geography/vintage-2024.js';
import { typeColumn } from '../data/police-uk/table.js';
import type { CrimeColumns } from './indicators-2024.js';
import { tableRecords } from './xlsx.js';

/** Names a code column goes by. */
const CODE_COLUMNS = ['area_code', 'code', 'area code', 'lsoa code', 'lsoa21cd', 'lad24cd', 'lad code', 'csp24cd', 'csp code'];
const NAME_COLUMNS = ['area_name', 'name', 'area name', 'lsoa name', 'lsoa21nm', 'lad24nm', 'csp24nm'];

/** More crimes than this in one area is not a count (it would also lose whole-number exactness when summed). */
const MAX_COUNT = 1e12;

export interface CrimeTableContext {
  force: Place;
  areas: readonly Place[];
  level: 'lad' | 'csp';
  geography: Geography2024;
  assignment: AreaAssignment;
  /** District code changes since 2019, to name a code of an earlier vintage. */
  retired: readonly LadChange[];
}

export async function readCrimeTable(source: { file: string; sheet?: string; headerRow?: number }, context: CrimeTableContext): Promise<CrimeColumns> {
  const table = await tableRecords(source.file, source.file, 'crime table', {
    ...(source.sheet !== undefined && { sheet: source.sheet }),
    ...(source.headerRow !== undefined && { headerRow: source.headerRow }),
  });
  const header = (table.records[0] ?? []).map((cell) => cell.trim());
  const lower = header.map((cell) => cell.toLowerCase());
  const codeAt = lower.findIndex((cell) => CODE_COLUMNS.includes(cell));
  if (codeAt < 0) {
    throw new UserError(`${table.where[0] ?? source.file}: expected a column of area codes named area_code (or Code, LSOA code, LAD24CD, CSP24CD) and one column per count; the header is: ${header.slice(0, 8).join(', ') || '(empty)'}`);
  }
  const countColumns = header.map((_, c) => c).filter((c) => c !== codeAt && !NAME_COLUMNS.includes(lower[c]!));
  if (countColumns.length === 0) throw new UserError(`${table.where[0]}: no count columns beside '${header[codeAt]}': give one column per crime count (e.g. recorded_crime, burglary)`);
  const names = countColumns.map((c) => typeColumn(header[c]!));
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new UserError(`${table.where[0]}: two columns are both '${repeated}'`);

  const { geography, level, force } = context;
  const inForce = new Map(context.areas.map((area) => [area.code, area]));
  const retired = new Map(context.retired.map((change) => [change.fromCode, change]));
  const csps = new Map<string, string[]>();
  for (const district of geography.districts.values()) for (const csp of district.csps) csps.set(csp.code, [...(csps.get(csp.code) ?? []), district.code]);
  const codesSeen = new Map<string, string>();

  /** The area of this level a code adds to, or why none. */
  const areaOf = (code: string): string => {
    const district = geography.districts.get(code);
    if (geography.lsoa21.has(code) || geography.lsoa11.has(code)) {
      const at = context.assignment.index.get(code);
      if (at === undefined) throw new Error(context.assignment.unplaced.get(code) ?? 'not placed');
      return context.assignment.areas[at]!.code;
    }
    if (district) {
      if (level === 'lad') return district.code;
      if (district.csps.length > 1) throw new Error(`district ${district.name} has several CSPs (${district.csps.map((c) => c.name).join(', ')}): give its rows by CSP or LSOA`);
      return district.csps[0]!.code;
    }
    const cspDistricts = csps.get(code);
    if (cspDistricts) {
      if (level === 'csp') return code;
      if (cspDistricts.length === 1 && geography.districts.get(cspDistricts[0]!)!.csps.length === 1) return cspDistricts[0]!;
      throw new Error(`CSP ${code} is not one whole district, so it cannot be counted by district: use --by csp, or give the table by district or LSOA`);
    }
    throw new Error('not an LSOA, district or CSP code of England and Wales on 2024 boundaries');
  };

  const byArea = new Map<string, number[]>();
  table.records.slice(1).forEach((record, r) => {
    const where = table.where[r + 1]!;
    const code = (record[codeAt] ?? '').trim();
    if (code === '') throw new UserError(`${where}: column '${header[codeAt]}' is empty; expected an area code`);
    const earlier = codesSeen.get(code);
    if (earlier) throw new UserError(`${where}: area ${code} again (first at ${earlier}); one row per area`);
    codesSeen.set(code, where);
    const change = retired.get(code);
    if (change) {
      throw new UserError(
        `${where}: ${code} (${change.fromName}) is a district code of before ${change.effective.slice(0, 7)}, when it became ${change.toCode} ${change.toName}: the table mixes boundary vintages or is on old boundaries; fairshare reads crime tables on 2024 boundaries`,
      );
    }
    let area: string;
    try {
      area = areaOf(code);
    } catch (error) {
      throw new UserError(`${where}: area code '${code}': ${(error as Error).message}`);
    }
    if (!inForce.has(area)) throw new UserError(`${where}: area code '${code}' lies outside ${force.name}; give the force's own areas only`);
    const counts = countColumns.map((c) => {
      const value = parseNumberCell(record[c] ?? '');
      if (value === undefined || !Number.isFinite(value) || value < 0 || value > MAX_COUNT) {
        throw new UserError(`${where}: column '${header[c]}': expected a count (a number from 0 to ${MAX_COUNT.toLocaleString('en-GB')}), got ${JSON.stringify(record[c] ?? '')}`);
      }
      return value;
    });
    const sums = byArea.get(area) ?? new Array<number>(counts.length).fill(0);
    byArea.set(area, sums.map((sum, k) => sum + counts[k]!));
  });
  if (table.records.length < 2) throw new UserError(`${source.file}: the crime table has a header and no rows`);
  const missing = context.areas.filter((area) => !byArea.has(area.code));
  if (missing.length > 0) throw new UserError([`${source.file}: no rows for ${missing.length} of the ${context.areas.length} areas of ${force.name}, so no table was written:`, ...missing.map((a) => `${a.code} ${a.name}`)]);

  // The police.uk layout has recorded_crime first; a table without it states its own counts.
  return {
    header: names,
    byArea,
    warnings: [],
    report: [`crime: the force's recorded-crime table ${source.file}${source.sheet ? ` (sheet '${source.sheet}')` : ''}: ${table.records.length - 1} rows, columns ${names.join(', ')}, summed to ${level === 'lad' ? 'districts' : 'CSPs'} on 2024 boundaries`],
  };
}
