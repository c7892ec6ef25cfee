/** A crime tally as a table (one row per area, or area and month) and a report of what was left out. */
import type { Place } from '../../geography/lookup.js';
import { describeMonths } from './months.js';
import { CRIME_TYPES, decodeKey, type TallyState } from './tally.js';

export const ASB = 'Anti-social behaviour';

/** "Violence and sexual offences" -> "violence_and_sexual_offences". */
export function typeColumn(type: string): string {
  return type.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

export interface CrimeTable {
  header: string[];
  rows: (string | number)[][];
}

export function crimeTable(state: TallyState, areas: readonly Place[], byMonth: boolean): CrimeTable {
  // Known categories in police.uk order, then any others seen, so columns are stable.
  const types = [...CRIME_TYPES.filter((type) => state.types.includes(type)), ...state.types.filter((type) => !(CRIME_TYPES as readonly string[]).includes(type)).sort()];
  const column = new Map(types.map((type, i) => [type, i]));
  const grouped = new Map<string, { area: number; month: string; counts: number[] }>();
  for (const [key, n] of state.counts) {
    const { area, month, type } = decodeKey(key);
    const monthName = byMonth ? state.months[month]! : '';
    const id = `${areas[area]!.code}\u0000${monthName}`;
    let row = grouped.get(id);
    if (!row) grouped.set(id, (row = { area, month: monthName, counts: new Array<number>(types.length).fill(0) }));
    row.counts[column.get(state.types[type]!)!]! += n;
  }
  const asbAt = column.get(ASB);
  const rows = [...grouped.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => {
      const crimes = row.counts.reduce((sum, n, i) => (i === asbAt ? sum : sum + n), 0);
      const place = areas[row.area]!;
      return [place.code, place.name, ...(byMonth ? [row.month] : []), crimes, ...row.counts];
    });
  return { header: ['area_code', 'area_name', ...(byMonth ? ['month'] : []), 'recorded_crime', ...types.map(typeColumn)], rows };
}

/** What was read and what could not be counted, in words. */
export function crimeReport(state: TallyState, lookup = 'the 2011 LSOA lookup'): string[] {
  const n = (value: number) => value.toLocaleString('en-GB');
  const lines = [
    `read ${n(state.rows)} rows${state.files ? ` from ${state.files} file(s)` : ''}${state.months.length ? `, months ${describeMonths(state.months)}` : ''}; counted ${n(state.counted)}`,
  ];
  if (state.filteredOut) lines.push(`left out by --types/--months: ${n(state.filteredOut)}`);
  if (state.noLsoa) lines.push(`no LSOA (location not mappable by police.uk): ${n(state.noLsoa)}`);
  const total = (list: [string, number][]) => list.reduce((sum, [, count]) => sum + count, 0);
  const sample = (list: [string, number][]) =>
    list.slice(0, 5).map(([code, count]) => `${code} (${count})`).join(', ') + (list.length > 5 ? `, and ${list.length - 5} more` : '');
  if (state.unknownLsoa.length) lines.push(`LSOA code not in ${lookup}: ${n(total(state.unknownLsoa))} rows, ${state.unknownLsoa.length} codes: ${sample(state.unknownLsoa)}`);
  if (state.unplaced.length) lines.push(`LSOA that cannot be placed at this level: ${n(total(state.unplaced))} rows, ${state.unplaced.length} codes: ${sample(state.unplaced)}`);
  return lines;
}
