import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { buildIndicators } from '../../src/io/indicators.js';
import { loadAllocation, runAllocation } from '../../src/io/load-allocation.js';
import { tableRecords } from '../../src/io/xlsx.js';
import { tempDir } from '../helpers/temp.js';

const MODEL = 'models/england-income-deprivation-2019.yaml';
const FILE10 = 'datasets/imd2019/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx';

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('official spreadsheets as published', () => {
  it('a model reading the MHCLG workbook allocates exactly as from the CSV export of the same sheet', async () => {
    const fromXlsx = runAllocation(await loadAllocation(MODEL));
    const fromCsv = runAllocation(await loadAllocation(MODEL, [
      { path: ['data', 'file'], value: '../datasets/imd2019/IoD2019_File10_LAD_Income.csv', text: 'data.file=csv' },
      { path: ['data', 'sheet'], value: null, text: 'data.sheet=' },
      { path: ['data', 'header_row'], value: null, text: 'data.header_row=' },
    ]));
    expect(fromXlsx.areas).toHaveLength(317);
    expect(Array.from(fromXlsx.allocationsPence)).toEqual(Array.from(fromCsv.allocationsPence));
    expect(fromXlsx.areas[0]!.indicators.income_deprived!.value).toBe(fromCsv.areas[0]!.indicators.income_deprived!.value);
  });

  it('reads a named sheet from its header row, trimming the header names', async () => {
    const { records, where } = await tableRecords(FILE10, 'file10.xlsx', 'test', { sheet: 'IMD' });
    expect(records[0]!.slice(0, 5)).toEqual(['Local Authority District code (2019)', 'Local Authority District name (2019)', 'IMD - Average rank', 'IMD - Rank of average rank', 'IMD - Average score']);
    expect(records[1]!.slice(0, 2)).toEqual(['E06000001', 'Hartlepool']);
    expect(records[1]![4]).toBe('35.037');
    expect(records).toHaveLength(318);
    expect(where[1]).toBe("file10.xlsx sheet 'IMD' row 2");
  });

  it('names a missing sheet, the nearest one, and every sheet there is', async () => {
    expect(await refusal(tableRecords(FILE10, 'file10.xlsx', 'test', { sheet: 'Incme' }))).toBe(
      "file10.xlsx: no sheet 'Incme'; did you mean 'Income'?; the sheets are 'Notes', 'IMD', 'Income', 'Employment', 'Education', 'Health', 'Crime', 'Barriers', 'Living', 'IDACI', 'IDAOPI'",
    );
  });

  it('refuses an empty header row, a damaged workbook, and a sheet for a CSV file', async () => {
    expect(await refusal(tableRecords(FILE10, 'file10.xlsx', 'test', { sheet: 'IMD', headerRow: 400 }))).toBe("file10.xlsx sheet 'IMD' row 400: the header row is empty (set the header row)");
    const dir = tempDir('fairshare-xlsx-');
    writeFileSync(join(dir, 'broken.xlsx'), 'this is not a zip file');
    expect(await refusal(tableRecords(join(dir, 'broken.xlsx'), 'broken.xlsx', 'test'))).toMatch(/^broken\.xlsx: not a readable \.xlsx workbook/);
    expect(await refusal(tableRecords('datasets/imd2019/IoD2019_File10_LAD_IMD.csv', 'imd.csv', 'test', { sheet: 'IMD' }))).toBe('imd.csv: a sheet and header row apply to .xlsx workbooks only');
  });

  it('names the sheet and row of a bad value', async () => {
    const message = await refusal(loadAllocation(MODEL, [{ path: ['indicators', 'income_deprived', 'column'], value: 'Local Authority District name (2019)', text: 'x' }]));
    expect(message).toContain("sheet 'Income' row 2: column 'Local Authority District name (2019)': expected a number, got \"Hartlepool\"");
  });

  it.skipIf(!existsSync('../shared/data/population/mye22final.xlsx'))(
    'takes population from the ONS workbook itself, with the same result as the shipped CSV copy',
    async () => {
      const fromWorkbook = await buildIndicators({
        pfa: 'Avon and Somerset',
        vintage: 2023,
        population: { file: '../shared/data/population/mye22final.xlsx', sheet: 'MYE2 - Persons', headerRow: 8 },
      });
      const shipped = await buildIndicators({ pfa: 'Avon and Somerset', vintage: 2023 });
      expect(fromWorkbook.rows).toEqual(shipped.rows);
    },
    60_000,
  );
});
