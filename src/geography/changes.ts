/**
 * Local authority district code changes (whole-district merges), so that any figure can be
 * expressed on a chosen boundary vintage. Only forward mappings exist: a merge can be
 * re-aggregated, a split cannot.
 */
import { parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';

/** Boundary vintages the toolkit knows: April of each year in which English districts changed. */
export const VINTAGES = [2019, 2020, 2021, 2023, 2024] as const;
export type Vintage = (typeof VINTAGES)[number];

export interface LadChange {
  fromCode: string;
  fromName: string;
  toCode: string;
  toName: string;
  /** ISO date the new code took effect. */
  effective: string;
}

export function parseVintage(text: string, where: string): Vintage {
  const year = Number(text);
  if (!(VINTAGES as readonly number[]).includes(year)) {
    throw new UserError(`${where}: unknown boundary vintage '${text}'; expected one of ${VINTAGES.join(', ')}`);
  }
  return year as Vintage;
}

export function parseLadChanges(text: string, file: string): LadChange[] {
  const rows = parse(text, { columns: true, comment: '#', skip_empty_lines: true, bom: true }) as Record<string, string>[];
  return rows.map((row, i) => {
    for (const column of ['from_code', 'from_name', 'to_code', 'to_name', 'effective']) {
      if (!row[column]) throw new UserError(`${file}: row ${i + 1}: column '${column}' is missing or empty`);
    }
    return { fromCode: row.from_code!, fromName: row.from_name!, toCode: row.to_code!, toName: row.to_name!, effective: row.effective! };
  });
}

/**
 * A function taking a district code of vintage `from` to its code at vintage `to`
 * (unchanged codes map to themselves).
 */
export function ladForward(changes: readonly LadChange[], from: Vintage, to: Vintage): (code: string) => string {
  if (to < from) throw new UserError(`cannot map districts back from ${from} to ${to}: merges cannot be split`);
  const step = new Map<string, string>();
  for (const change of changes) {
    const year = Number(change.effective.slice(0, 4));
    if (year > from && year <= to) step.set(change.fromCode, change.toCode);
  }
  return (code) => {
    let current = code;
    for (let guard = 0; step.has(current) && guard < 10; guard++) current = step.get(current)!;
    return current;
  };
}
