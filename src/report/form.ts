/**
 * The one table form every result becomes: a document of typed tables. The terminal table,
 * CSV, XLSX and HTML writers each read this form and nothing else, so a figure is laid out
 * once and shown the same way everywhere. Pure data.
 *
 * Cells keep their type: money is integer pence, shares and changes are fractions; each
 * writer formats them for its medium (£1,234 on the terminal, 1234.00 in CSV, a number with
 * a pound format in Excel).
 */

/** What a cell holds, which decides how each writer shows it. */
export type CellKind =
  /** Words: names, descriptions. */
  | 'text'
  /** Identifiers: area codes, keys (kept as written). */
  | 'code'
  /** Integer pence, shown as pounds. */
  | 'pence'
  /** A fraction shown to six decimals (need shares, weights): 0.123457. */
  | 'share'
  /** A fraction shown as a percentage: 10%, 2.5%. */
  | 'percent'
  /** A signed fraction: +2.02%, -5.00%; null is n/a. */
  | 'change'
  /** A count or measured amount, with thousands separators. */
  | 'count'
  /** A whole number (ranks, counts of things). */
  | 'integer'
  /** Any other number (scores, outcome units), to `decimals` places. */
  | 'number';

export type Cell = string | number | null;

/** How money shows pence in text: always, only when not whole pounds, or rounded to pounds. */
export type PenceShown = 'always' | 'auto' | 'never';

export interface Column {
  /** The machine name: the CSV header. */
  id: string;
  /** The human heading: terminal, HTML and workbook. */
  header: string;
  kind: CellKind;
  /** Money: always show pence, only when not whole pounds ('auto', the default), or round to pounds ('never'). */
  pence?: PenceShown;
  /** Places for 'number', 'count' and 'percent' in text (default: as the kind sets). */
  decimals?: number;
  /** Column width in a workbook, in characters. */
  width?: number;
  /** Leave the column out of the terminal table (it is in CSV, XLSX and HTML). */
  wide?: boolean;
  /** Leave the column out of CSV. */
  noCsv?: boolean;
}

export interface Row {
  cells: Cell[];
  /** A totals row (set apart by a rule; SUM formulas in a workbook). */
  total?: boolean;
  /** Nesting, for trees such as funds > ring-fences > services: the first cell is indented. */
  depth?: number;
}

export interface Table {
  /** The sheet's name in a workbook (at most 31 characters) and its anchor in HTML. */
  name: string;
  /** The heading over the table. */
  caption: string;
  /** Lines before the table: what it shows, how it was made. */
  intro?: string[];
  columns: Column[];
  rows: Row[];
  /** Lines after the table. */
  notes?: string[];
  /** Where the table appears: not on the terminal ('file'), e.g. worked examples of every area. */
  only?: 'files';
  /** CSV: the order of the columns by id (default: the table's order); totals rows are written too. */
  csv?: { columns?: string[]; totals?: boolean };
}

/** A fact of the run, shown as "label   value" above the tables. */
export interface Fact {
  label: string;
  value: Cell;
  kind: CellKind;
  pence?: PenceShown;
  decimals?: number;
  /** Indent under the fact before (top-slices under the pot). */
  depth?: number;
}

export interface ResultDocument {
  title: string;
  /** Facts of the run: pot, formula, damping... */
  facts: Fact[];
  tables: Table[];
  /** Closing lines: the summary in words. */
  notes: string[];
  /** The table written when CSV is asked for (its `name`). */
  csvTable: string;
}

/** A column's kind is numeric: right-aligned, summed in totals. */
export const isNumeric = (kind: CellKind): boolean => kind !== 'text' && kind !== 'code';

/** Make a row from cells keyed by column id, in the table's column order. */
export function rowOf(columns: readonly Column[], values: Readonly<Record<string, Cell | undefined>>, extra: Omit<Row, 'cells'> = {}): Row {
  return { cells: columns.map((c) => values[c.id] ?? null), ...extra };
}
