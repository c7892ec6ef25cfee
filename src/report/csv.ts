/** CSV outputs: pounds as plain decimals, safe to open in Excel. */
import { stringify } from 'csv-stringify/sync';
import type { AllocationResult } from '../formula/allocate.js';
import { penceToDecimalPounds } from '../money/units.js';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return)
 * as a formula. Such text cells get a leading apostrophe; plain numbers ("-12.50") are left alone.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^-\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

export type CsvCell = string | number | null;

export function toCsv(header: readonly string[], rows: readonly CsvCell[][]): string {
  const safe = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)));
  return stringify([header.map(neutraliseFormula), ...safe], { record_delimiter: 'unix' });
}

export function formatAllocationCsv(result: AllocationResult): string {
  const names = result.indicators.map((indicator) => indicator.name);
  const damped = result.damping !== undefined;
  const header = [
    'area_key',
    'area_name',
    ...names.map((name) => `${name}_share`),
    'need_share',
    'target_gbp',
    ...(damped ? ['prior_gbp'] : []),
    'allocation_gbp',
    ...(damped ? ['change_percent'] : []),
  ];
  const rows = result.areas.map((area): CsvCell[] => [
    area.key,
    area.label,
    ...names.map((name) => area.indicators[name]!.share),
    area.needShare,
    penceToDecimalPounds(area.targetPence),
    ...(damped ? [penceToDecimalPounds(area.damping!.priorPence)] : []),
    penceToDecimalPounds(area.allocationPence),
    ...(damped ? [area.change === null ? null : +(area.change * 100).toFixed(4)] : []),
  ]);
  return toCsv(header, rows);
}
