/**
 * Names people read: services, funds, ring-fences, priorities, options and rounds take a
 * display `name`, shown in every table, chart, workbook and report; the keys stay the
 * identifiers in CSV and JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fairshare } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const BUDGET = 'models/dorset-like-budget-2025-26.yaml';
const OPTIMISATION = 'models/dorset-like-optimisation-2025-26.yaml';

describe('display names', () => {
  it('show in the table; the keys stay in CSV and JSON', () => {
    const table = fairshare(['split', BUDGET]).stdout;
    expect(table).toContain("  Core victims' services");
    expect(table).toContain('Victim care hub');
    expect(table).toContain('Victims and witnesses');
    expect(table).not.toMatch(/victim_care_hub|victims_fund\.core/);
    const csv = fairshare(['split', BUDGET, '--format', 'csv']).stdout;
    expect(csv).toContain('victims_fund,core,police,victim_care_hub,victims,420000.00,60000.00,');
    expect(csv).not.toContain('Victim care hub');
    const json = JSON.parse(fairshare(['split', BUDGET, '--format', 'json']).stdout);
    expect(json.services[0].name).toBe('victim_care_hub');
    expect(json.names.service.victim_care_hub).toBe('Victim care hub');
    expect(json.names.fund['victims_fund.core']).toBe("Core victims' services");
    expect(json.names.priority.victims).toBe('Victims and witnesses');
  });

  it('show in the chart, the workbook and the report', async () => {
    const dir = tempDir('fairshare-names-');
    expect(fairshare(['split', BUDGET, '--out', join(dir, 's.xlsx'), '--chart', join(dir, 's.vl.json')]).status).toBe(0);
    const spec = readFileSync(join(dir, 's.vl.json'), 'utf8');
    expect(spec).toContain("Core victims' services (police)");
    expect(spec).not.toContain('victims_fund.core (police)');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(dir, 's.xlsx')) as unknown as ArrayBuffer);
    const services = JSON.stringify(book.getWorksheet('Services')!.getSheetValues());
    expect(services).toContain('Victim care hub');
    expect(services).toContain('Prevention and early intervention');
    expect(fairshare(['report', BUDGET, '--out', join(dir, 'r.html')]).status).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<td>Victim care hub</td>');
    expect(html).toContain('Local innovation fund');
  });

  it("carry into an optimisation that takes its funds from the budget: its priorities, options and funds by name", () => {
    const table = fairshare(['optimise', OPTIMISATION, '--no-shadow-prices']).stdout;
    expect(table).toMatch(/Victims and witnesses\s+Victim care hub\s+Core victims' services/);
    const csv = fairshare(['optimise', OPTIMISATION, '--no-shadow-prices', '--format', 'csv']).stdout;
    expect(csv).toContain('2025/26,victims,victim_care_hub,,,,victims_fund,core,');
  });
});
