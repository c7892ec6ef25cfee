/** CSV: the document's main table, in pounds, safe to open in a spreadsheet. */
import { stringify } from 'csv-stringify/sync';
import type { ResultDocument, Table } from '../form.js';
import { csvCell } from './cells.js';

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

export function tableCsv(table: Table): string {
  const order = table.csv?.columns ?? table.columns.filter((c) => !c.noCsv).map((c) => c.id);
  const index = order.map((id) => {
    const at = table.columns.findIndex((c) => c.id === id);
    if (at < 0) throw new Error(`CSV column ${id} is not in the table ${table.name}`);
    return at;
  });
  const rows = table.rows.filter((r) => !r.total || table.csv?.totals).map((r) => index.map((i) => csvCell(r.cells[i] ?? null, table.columns[i]!.kind)));
  return toCsv(order, rows);
}

export function documentCsv(doc: ResultDocument): string {
  const table = doc.tables.find((t) => t.name === doc.csvTable);
  if (!table) throw new Error(`the document has no table ${doc.csvTable}`);
  return tableCsv(table);
}
