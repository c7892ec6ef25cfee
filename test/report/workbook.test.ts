import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const fairshare = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

async function book(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return workbook;
}

/** A column's cells below the header, by header text. */
function column(sheet: ExcelJS.Worksheet, header: string): ExcelJS.Cell[] {
  const index = (sheet.getRow(1).values as unknown[]).indexOf(header);
  expect(index, `no column '${header}' in ${sheet.name}`).toBeGreaterThan(0);
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow((row, n) => n > 1 && cells.push(row.getCell(index)));
  return cells;
}

describe('--format xlsx', () => {
  const dir = tempDir('fairshare-xlsx-');

  it('allocate: allocations as numbers in pounds with a pound format, a SUM total, worked examples, inputs and provenance', async () => {
    const run = fairshare('allocate', 'models/avon-and-somerset-2025-26.yaml', '--out', join(dir, 'a.xlsx'));
    expect(run.status, run.stderr).toBe(0);
    const workbook = await book(join(dir, 'a.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Allocations', 'Indicators', 'Worked examples', 'Provenance']);
    const sheet = workbook.getWorksheet('Allocations')!;
    const allocations = column(sheet, 'Allocation');
    const areas = allocations.slice(0, -1);
    expect(areas.map((c) => c.value)).toEqual([286855, 818718, 322431, 423114, 834413]);
    for (const cell of areas) expect(cell.numFmt).toBe('£#,##0.00;-£#,##0.00');
    const total = allocations.at(-1)!;
    expect(total.formula).toMatch(/^SUM\([A-Z]+2:[A-Z]+6\)$/);
    expect(total.result).toBe(2685531);
    expect(column(sheet, 'Change').slice(0, 1)[0]!.numFmt).toBe('+0.00%;-0.00%;0.00%');
    const examples = workbook.getWorksheet('Worked examples')!;
    expect(examples.rowCount).toBeGreaterThan(5 * 6);
    const provenance = JSON.stringify(workbook.getWorksheet('Provenance')!.getSheetValues());
    expect(provenance).toMatch(/model_sha256/);
    expect(provenance).toMatch(/Contains public sector information licensed under the Open Government Licence v3\.0/);
  });

  it('split: funds, services and the cash flow, each with totals; compare: a summary and the comparison', async () => {
    expect(fairshare('split', 'models/dorset-like-budget-2025-26.yaml', '--format', 'xlsx', '--out', join(dir, 's.xlsx')).status).toBe(0);
    const split = await book(join(dir, 's.xlsx'));
    expect(split.worksheets.map((s) => s.name)).toEqual(['Funds', 'Services', 'Cash flow', 'Lines', 'Payments', 'Provenance']);
    const money = column(split.getWorksheet('Funds')!, 'Money');
    const committed = column(split.getWorksheet('Funds')!, 'Committed');
    expect(committed.at(-1)!.result).toBe(750000);
    expect(typeof money[1]!.value).toBe('number');
    expect(fairshare('compare', 'models/avon-and-somerset-2025-26.yaml', 'models/avon-and-somerset-crime-weighted-up.yaml', '--out', join(dir, 'c.xlsx')).status).toBe(0);
    const compare = await book(join(dir, 'c.xlsx'));
    expect(compare.worksheets.map((s) => s.name)).toEqual(['Summary', 'Scenario 1', 'Comparison', 'Provenance']);
    expect(column(compare.getWorksheet('Comparison')!, 'Change').map((c) => c.value)).toEqual([0, 2834, -2834, 0, 0]);
  });

  it('needs a file to write to', () => {
    const run = fairshare('allocate', 'models/avon-and-somerset-2025-26.yaml', '--format', 'xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('fairshare: --format xlsx: a workbook is a file; give --out FILE.xlsx\n');
  });

  // Before, these commands wrote their text table into a file named .xlsx, with exit 0.
  it.each([
    ['optimise', 'models/dorset-like-optimisation-2025-26.yaml', 'Round community_grants'],
    ['gap', 'models/avon-and-somerset-victims-needs.yaml', 'By priority and area'],
    ['sensitivity', 'models/avon-and-somerset-2025-26.yaml', 'Areas'],
    ['data', 'deprivation', 'Table'],
  ])('%s --out x.xlsx writes a real workbook', async (command, input, sheet) => {
    const file = join(dir, `${command}.xlsx`);
    const run = fairshare(command, input, '--out', file, ...(command === 'sensitivity' ? ['--draws', '50'] : []));
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const workbook = await book(file);
    expect(workbook.worksheets.map((s) => s.name.slice(0, 31))).toContain(sheet.slice(0, 31));
    expect(workbook.worksheets.at(-1)!.name).toBe('Provenance');
  });
});
