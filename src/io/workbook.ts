/**
 * Write workbooks (src/report/workbook.ts describes them) with exceljs: a frozen, bold
 * header, numbers as numbers with pound, percentage and share formats, and a totals row of
 * SUM formulas (with their values, so the totals show before Excel recalculates).
 */
import type { Sheet, CellFormat } from '../report/workbook.js';

const FORMATS: Record<CellFormat, string | undefined> = {
  pounds: '£#,##0.00;-£#,##0.00',
  percent: '0.00%',
  share: '0.000000',
  number: '#,##0.####',
  integer: '#,##0',
  text: undefined,
};

/** Column letters: 1 -> A, 27 -> AA. */
function letter(n: number): string {
  let out = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

export async function workbookBytes(sheets: readonly Sheet[], title: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'fairshare';
  book.title = title;
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14, ...(FORMATS[c.format] && { style: { numFmt: FORMATS[c.format]! } }) }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    if (sheet.totals && sheet.rows.length > 0) {
      const last = sheet.rows.length + 1;
      const totals: Record<string, unknown> = { [sheet.columns[0]!.key]: 'Total' };
      for (const key of sheet.totals) {
        const index = sheet.columns.findIndex((c) => c.key === key) + 1;
        const sum = sheet.rows.reduce((s, r) => s + (typeof r[key] === 'number' ? (r[key] as number) : 0), 0);
        // Money is summed in pence, so the cached total is exact to the penny.
        const value = sheet.columns[index - 1]!.format === 'pounds' ? Math.round(sheet.rows.reduce((s, r) => s + Math.round(((r[key] as number) ?? 0) * 100), 0)) / 100 : sum;
        totals[key] = { formula: `SUM(${letter(index)}2:${letter(index)}${last})`, result: value };
      }
      ws.addRow(totals).font = { bold: true };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
