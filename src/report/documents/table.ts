/** A data table (crime counts, deprivation, indicators) as one table of the form. */
import type { DataTableJson } from '../../results/table.js';
import type { Column, ResultDocument } from '../form.js';

export function dataTableDocument(json: DataTableJson): ResultDocument {
  const columns: Column[] = json.columns.map((c) => ({ id: c.name, header: c.name, kind: c.kind, width: Math.max(10, Math.min(40, c.name.length + 2)) }));
  return { title: json.title, facts: [], tables: [{ name: 'Table', caption: json.title, columns, rows: json.rows.map((cells) => ({ cells })) }], notes: [], csvTable: 'Table' };
}
