/**
 * Official spreadsheets as they are published: a named sheet of an .xlsx workbook, with the
 * header on a given row (ONS and MHCLG put notes above their tables). exceljs is loaded only
 * when a workbook is read.
 */
import type { CellValue, Workbook } from 'exceljs';
import { areaTable, csvRecords, parseAreaTable, type AreaTable, type TableRecords, type TableSpec } from '../data/table.js';
import { UserError } from '../errors.js';
import { nearestKey } from '../model/schema-keys.js';
import { decodeUtf8, readBytes } from './files.js';

export interface SheetChoice {
  /** Sheet name; default: the first sheet. */
  sheet?: string;
  /** 1-based row holding the column names; default 1. */
  headerRow?: number;
}

/** A cell as text, the way the CSV of the same table would show it. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('result' in value) return cellText(value.result as CellValue); // a formula: its cached result
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text); // a hyperlink
  if ('error' in value) return String(value.error);
  return '';
}

export async function xlsxRecords(bytes: Buffer, file: string, choice: SheetChoice = {}): Promise<TableRecords> {
  const { default: ExcelJS } = await import('exceljs');
  const book: Workbook = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UserError(`${file}: not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const names = book.worksheets.map((sheet) => sheet.name);
  const sheet = choice.sheet === undefined ? book.worksheets[0] : book.getWorksheet(choice.sheet);
  if (!sheet) {
    const near = choice.sheet === undefined ? undefined : nearestKey(choice.sheet, names);
    throw new UserError(`${file}: no sheet '${choice.sheet ?? ''}'${near ? `; did you mean '${near}'?` : ''}; the sheets are ${names.map((n) => `'${n}'`).join(', ')}`);
  }
  const headerRow = choice.headerRow ?? 1;
  const width = sheet.getRow(headerRow).cellCount;
  if (width === 0) throw new UserError(`${file} sheet '${sheet.name}' row ${headerRow}: the header row is empty (set the header row)`);
  const records: string[][] = [];
  const lines: number[] = [];
  const where: string[] = [];
  for (let r = headerRow; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record = Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value).trim());
    if (r > headerRow && record.every((cell) => cell === '')) continue; // blank rows and trailing formatting
    records.push(record);
    lines.push(r);
    where.push(`${file} sheet '${sheet.name}' row ${r}`);
  }
  return { records, lines, where };
}

/**
 * A table file as records: CSV, or a sheet of an .xlsx workbook. `shown` names it in
 * messages; pass `bytes` when they are already read (to digest them, say).
 */
export async function tableRecords(path: string, shown: string, role: string, choice: SheetChoice = {}, bytes = readBytes(path, role)): Promise<TableRecords> {
  if (/\.xlsx$/i.test(path)) return xlsxRecords(bytes, shown, choice);
  if (choice.sheet !== undefined || choice.headerRow !== undefined) throw new UserError(`${shown}: a sheet and header row apply to .xlsx workbooks only`);
  return csvRecords(decodeUtf8(bytes, shown), shown);
}

/**
 * An area table from a file: a CSV straight into its columns where it is clean (see
 * data/csv-columns.ts), a workbook's sheet record by record; the same checks and messages.
 */
export async function readAreaTable(path: string, shown: string, role: string, choice: SheetChoice, bytes: Buffer, spec: TableSpec): Promise<AreaTable> {
  if (/\.xlsx$/i.test(path) || choice.sheet !== undefined || choice.headerRow !== undefined) return areaTable(await tableRecords(path, shown, role, choice, bytes), shown, spec);
  return parseAreaTable(decodeUtf8(bytes, shown), shown, spec);
}
