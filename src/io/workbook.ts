/**
 * Excel workbooks of results, written from the one table form with exceljs: a sheet per
 * table, a frozen bold header, numbers as numbers with pound, percentage and share formats,
 * totals rows as SUM formulas (with their values, so they show before Excel recalculates),
 * the run's facts first and its provenance last.
 *
 * The bytes are the same on every run: the document's dates are fixed and the zip is
 * rewritten with fixed entry times (exceljs stamps both with the clock).
 */
import type { Workbook, Worksheet } from 'exceljs';
import { isNumeric, type Cell, type CellKind, type ResultDocument } from '../report/form.js';

/** The fixed time stamped in every workbook: the zip format's own epoch. */
export const FIXED_TIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

const FORMATS: Record<CellKind, string | undefined> = {
  pence: '£#,##0.00;-£#,##0.00',
  percent: '0.00%',
  change: '+0.00%;-0.00%;0.00%',
  share: '0.000000',
  count: '#,##0.####',
  integer: '#,##0',
  number: 'General',
  text: undefined,
  code: undefined,
};

/** A cell's value in the workbook: pounds for pence, fractions as they are. */
const excelValue = (cell: Cell, kind: CellKind): string | number | null => (typeof cell === 'number' && kind === 'pence' ? Math.round(cell) / 100 : cell);

/** Column letters: 1 -> A, 27 -> AA. */
function letter(n: number): string {
  let out = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 28)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function addFacts(book: Workbook, doc: ResultDocument, taken: Set<string>): void {
  if (doc.facts.length === 0) return;
  const ws = book.addWorksheet(sheetName('Summary', taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Item', key: 'item', width: 44 },
    { header: 'Value', key: 'value', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.addRow({ item: 'Title', value: doc.title });
  for (const fact of doc.facts) {
    const row = ws.addRow({ item: `${'  '.repeat(fact.depth ?? 0)}${fact.label}`, value: excelValue(fact.value, fact.kind) });
    const format = typeof fact.value === 'number' ? FORMATS[fact.kind] : undefined;
    if (format) row.getCell(2).numFmt = format;
  }
}

function addTable(ws: Worksheet, table: ResultDocument['tables'][number]): void {
  ws.columns = table.columns.map((c) => ({ header: c.header, key: c.id, width: c.width ?? Math.min(60, Math.max(12, c.header.length + 2)) }));
  ws.getRow(1).font = { bold: true };
  const body = table.rows.filter((r) => !r.total);
  const first = 2;
  const last = body.length + 1;
  for (const row of [...body, ...table.rows.filter((r) => r.total)]) {
    const added = ws.addRow(row.cells.map((cell, i) => excelValue(cell, table.columns[i]!.kind)));
    table.columns.forEach((column, i) => {
      const cell = added.getCell(i + 1);
      const format = FORMATS[column.kind];
      if (format && typeof row.cells[i] === 'number') cell.numFmt = format;
      // Totals of money and counts are formulas over the rows above, with their exact value cached.
      if (row.total && typeof row.cells[i] === 'number' && (column.kind === 'pence' || column.kind === 'count' || column.kind === 'integer') && body.length > 0) {
        cell.value = { formula: `SUM(${letter(i + 1)}${first}:${letter(i + 1)}${last})`, result: excelValue(row.cells[i]!, column.kind) as number };
      }
      if (i === 0 && row.depth) cell.alignment = { indent: row.depth };
    });
    if (row.total) added.font = { bold: true };
  }
}

/** The workbook's bytes: the document's sheets, then a provenance sheet of `provenance` rows. */
export async function workbookBytes(doc: ResultDocument, provenance: readonly { run: string; item: string; value: string }[]): Promise<Buffer> {
  const [{ default: ExcelJS }, { default: JSZip }] = await Promise.all([import('exceljs'), import('jszip')]);
  const book = new ExcelJS.Workbook();
  book.creator = 'fairshare';
  book.lastModifiedBy = 'fairshare';
  book.title = doc.title;
  book.created = FIXED_TIME;
  book.modified = FIXED_TIME;
  const taken = new Set<string>();
  addFacts(book, doc, taken);
  for (const table of doc.tables) addTable(book.addWorksheet(sheetName(table.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] }), table);
  const ws = book.addWorksheet(sheetName('Provenance', taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Run', key: 'run', width: 18 },
    { header: 'Item', key: 'item', width: 18 },
    { header: 'Value', key: 'value', width: 120 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const row of provenance) ws.addRow(row);

  // exceljs stamps each zip entry with the clock: rewrite the archive with fixed times.
  const zip = await JSZip.loadAsync(Buffer.from(await book.xlsx.writeBuffer()));
  const entries = Object.values(zip.files);
  const fixed = new JSZip();
  for (const entry of entries) {
    if (entry.dir) continue;
    fixed.file(entry.name, await entry.async('uint8array'), { date: FIXED_TIME, createFolders: false });
  }
  return fixed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

export { isNumeric };
