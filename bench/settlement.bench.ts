/**
 * Settlement and change-receipt speed (issue 12). Run: npm run bench:settlement
 *
 * 1. A three-year settlement of 32,844 areas (one per English LSOA, 2011) with floor_scale
 *    at -5% carried year to year and pence rounding, in-process, median of repeated runs;
 *    beside it, what a user did before settlements: three single-year allocations chained
 *    by hand (each year's allocations written into the next year's prior column).
 * 2. Change receipts for 296 areas (the English districts) between two runs differing in
 *    eight factor groups (the pot, four indicators' data, the weights, the minimum and the
 *    damping): 2^8 = 256 runs of the formula for the Shapley values.
 * Both tables are SYNTHETIC (seeded generators), for timing only.
 */
import { parseAreaTable, type AreaTable } from '../src/data/table.js';
import { allocate } from '../src/formula/allocate.js';
import type { Model } from '../src/model/schema.js';
import { allocationJson } from '../src/results/allocation.js';
import { changeBetween } from '../src/results/change.js';
import { toCsv } from '../src/report/write/csv.js';
import { financialYear, settle, type SettlementYearInput } from '../src/settlement/settle.js';
import { mulberry32 } from '../src/stats/random.js';
import { LSOA_AREAS, LSOA_MODEL, lsoaTable } from './lsoa.js';
import { median, time } from './timing.js';

// 1. A three-year settlement of 32,844 areas.
const AREAS = LSOA_AREAS;
const table: AreaTable = lsoaTable();
const base: Model = LSOA_MODEL;
const pots = [25_000_000.37, 24_500_000.12, 24_010_000.55];
const inputs: SettlementYearInput[] = pots.map((total, k) => ({ year: 2026 + k, label: financialYear(2026 + k), indicative: k > 0, model: { ...base, pot: { ...base.pot, total } }, table }));

/** Before settlements: each year allocated alone, its result written into the next year's prior column. */
function chainedByHand(): number {
  let yearTable = table;
  let last = 0;
  for (const input of inputs) {
    const result = allocate(input.model, yearTable);
    const columns = new Map(yearTable.columns);
    columns.set('prior', Float64Array.from(result.allocationsPence, (pence) => pence / 100));
    yearTable = { ...yearTable, columns };
    last = result.allocationsPence[0]!;
  }
  return last;
}

time(5, () => settle('bench', inputs));
time(5, chainedByHand);
const settlement = median(time(30, () => settle('bench', inputs)));
const byHand = median(time(30, chainedByHand));
const oneYear = median(time(30, () => allocate(inputs[0]!.model, table)));
const check = settle('bench', inputs);
// The same figures either way: a settlement is the chain, done for the user.
const sameFigures = check.years.at(-1)!.result.allocationsPence[0] === chainedByHand();

// 2. Change receipts, 296 areas, eight factor groups.
const DISTRICTS = 296;
const r = mulberry32(20261204);
const districtRows = Array.from({ length: DISTRICTS }, (_, i) => {
  const population = 25_000 + Math.floor(r() * 1_100_000);
  const crime = Math.floor(population * (0.03 + r() * 0.1));
  const asb = Math.floor(population * r() * 0.02);
  const imd = +(5 + r() * 40).toFixed(3);
  const victims = Math.floor(crime * (0.1 + r() * 0.2));
  // Next year's data: each indicator moved by a few per cent.
  const move = (v: number) => Math.round(v * (0.95 + r() * 0.1));
  return [`E0${String(7000000 + i)}`, population, crime, asb, imd, victims, move(crime), move(asb), +(imd * (0.97 + r() * 0.06)).toFixed(3), move(victims), Math.round((48_000_000 / DISTRICTS) * (0.6 + r() * 0.8))];
});
const districtColumns = ['code', 'population', 'crime', 'asb', 'imd', 'victims', 'crime_next', 'asb_next', 'imd_next', 'victims_next', 'prior'];
const districts = parseAreaTable(toCsv(districtColumns, districtRows), 'synthetic.csv', { key: 'code', numeric: districtColumns.slice(1).map((column) => ({ column, usedBy: 'bench' })) });
const before: Model = {
  fairshare: 1,
  title: 'Benchmark: English districts, 2025/26 (synthetic)',
  data: { file: 'synthetic.csv', key: 'code' },
  pot: { total: 50_000_000 },
  indicators: {
    crime: { column: 'crime', weight: 0.4 },
    asb: { column: 'asb', weight: 0.2 },
    deprivation: { column: 'imd', scale_by: 'population', weight: 0.2 },
    victims: { column: 'victims', weight: 0.2 },
  },
  minimum: 60_000,
  damping: { method: 'floor_scale', prior: 'prior', floor: -0.05 },
  rounding: 'pound',
};
const after: Model = {
  ...before,
  title: 'Benchmark: English districts, 2026/27 (synthetic)',
  pot: { total: 51_000_000 },
  indicators: {
    crime: { column: 'crime_next', weight: 0.35 },
    asb: { column: 'asb_next', weight: 0.25 },
    deprivation: { column: 'imd_next', scale_by: 'population', weight: 0.2 },
    victims: { column: 'victims_next', weight: 0.2 },
  },
  minimum: 65_000,
  damping: { method: 'floor_scale', prior: 'prior', floor: -0.04 },
};
const manifest = { tool_version: 'bench', model_file: 'bench', model_sha256: '', data_file: 'synthetic.csv', data_sha256: '' };
const fromJson = allocationJson(allocate(before, districts), manifest);
const toJson = allocationJson(allocate(after, districts), manifest);
const receipt = changeBetween(fromJson, toJson, { from: '2025/26', to: '2026/27' });
time(2, () => changeBetween(fromJson, toJson, { from: '2025/26', to: '2026/27' }));
const receipts = median(time(10, () => changeBetween(fromJson, toJson, { from: '2025/26', to: '2026/27' })));
const exact = receipt.areas.every((a) => a.parts.reduce((s, p) => s + p.pence, 0) === a.to_pence - a.from_pence);

const ms = (v: number) => `${v.toFixed(1)} ms`;
console.log(`three-year settlement, ${AREAS.toLocaleString('en-GB')} areas, floor_scale, pence (median of 30): ${ms(settlement)} (target < 150 ms)`);
console.log(`  the same three years chained by hand (median of 30):                     ${ms(byHand)} (ratio ${(settlement / byHand).toFixed(2)}; same figures: ${sameFigures})`);
console.log(`  one year alone (median of 30):                                            ${ms(oneYear)}`);
console.log(`change receipts, ${DISTRICTS} areas, factors ${receipt.factors.join(', ')} (median of 10): ${ms(receipts)} (target < 1 s; parts add up exactly: ${exact})`);
