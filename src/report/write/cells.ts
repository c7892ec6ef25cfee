/** A cell of the table form in words and figures for people (terminal and HTML) and for CSV. */
import { decimalFormat, formatPounds, penceToDecimalPounds } from '../../money/units.js';
import type { Cell, CellKind, PenceShown } from '../form.js';
import { formatChange, formatCount, formatPercent, formatShare } from '../numbers.js';
import { visible } from '../visible.js';

export interface CellFormat {
  kind: CellKind;
  pence?: PenceShown;
  decimals?: number;
}

/** The cell as a person reads it: £1,234, 0.123457, +2.02%. An empty cell stays empty. */
export function humanCell(cell: Cell, format: CellFormat): string {
  if (cell === null) return format.kind === 'change' ? 'n/a' : '';
  if (typeof cell === 'string') return visible(cell);
  switch (format.kind) {
    case 'pence':
      return format.pence === 'never' ? formatPounds(Math.round(cell / 100) * 100) : formatPounds(cell, format.pence === 'always');
    case 'share':
      return formatShare(cell);
    case 'percent':
      return format.decimals === undefined ? formatPercent(cell) : `${(cell * 100).toFixed(format.decimals)}%`;
    case 'change':
      return formatChange(cell, format.decimals ?? 2);
    case 'count':
      return format.decimals === undefined ? formatCount(cell) : decimalFormat(format.decimals, format.decimals).format(cell);
    case 'integer':
      return decimalFormat(0, 0).format(cell);
    case 'number':
      return format.decimals === undefined ? String(cell) : cell.toFixed(format.decimals);
    case 'text':
    case 'code':
      return String(cell);
  }
}

/**
 * The cell in CSV: pounds as plain decimals (1234.50), percentages and changes as
 * percentages (ids end in _percent), other numbers as they are, text as written.
 */
export function csvCell(cell: Cell, kind: CellKind): string | number | null {
  if (cell === null || typeof cell === 'string') return cell;
  if (kind === 'pence') return penceToDecimalPounds(cell);
  if (kind === 'percent' || kind === 'change') return +(cell * 100).toFixed(6);
  return cell;
}
