/**
 * Change receipts: worked by hand, properties over random pairs of runs, and on the command
 * line against a scenario, a saved result and a settlement.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AreaTable } from '../../src/data/table.js';
import { isUserError } from '../../src/errors.js';
import { allocate } from '../../src/formula/allocate.js';
import type { Model } from '../../src/model/schema.js';
import { changeReceipt } from '../../src/receipts/receipt.js';
import { allocationJson } from '../../src/results/allocation.js';
import { runSpec } from '../../src/results/change.js';
import { caseArb } from '../helpers/arbitraries.js';
import { fairshare } from '../helpers/cli.js';
import { DATA, MODEL, workspace } from '../helpers/small-model.js';
import { tempDir } from '../helpers/temp.js';

const table = (columns: Record<string, number[]>): AreaTable => ({
  file: 'hand.csv',
  header: ['key', ...Object.keys(columns)],
  keys: ['A', 'B'],
  labels: ['Alpha', 'Beta'],
  lines: [2, 3],
  columns: new Map(Object.entries(columns).map(([name, values]) => [name, Float64Array.from(values)])),
});
const model = (total: number, population: number): Model => ({
  fairshare: 1,
  title: 'hand',
  data: { file: 'hand.csv', key: 'key' },
  pot: { total },
  indicators: { population: { column: 'population', weight: population }, crime: { column: 'crime', weight: 1 - population } },
  rounding: 'penny',
});
const spec = (m: Model, t: AreaTable) => runSpec(allocationJson(allocate(m, t), {}), 'run');

describe('change receipts, worked by hand', () => {
  it('split a change of pot and weights by Shapley value: each order of switching counted once', () => {
    // Alpha: population share 1/4, crime share 3/4. Pot £1,000 -> £1,200; weights 50/50 -> all population.
    // v(old) = £500; v(pot) = £600; v(weights) = £250; v(both) = £300.
    // pot: ((600 - 500) + (300 - 250)) / 2 = £75; weights: ((250 - 500) + (300 - 600)) / 2 = -£275.
    const data = table({ population: [1, 3], crime: [3, 1] });
    const receipt = changeReceipt(spec(model(1000, 0.5), data), spec(model(1200, 1), data));
    expect(receipt.factors).toEqual(['pot', 'weights', 'rounding']);
    const alpha = receipt.areas.find((a) => a.key === 'A')!;
    expect([alpha.fromPence, alpha.toPence]).toEqual([50000, 30000]);
    expect(alpha.parts).toEqual([
      { factor: 'pot', pence: 7500 },
      { factor: 'weights', pence: -27500 },
      { factor: 'rounding', pence: 0 },
    ]);
    const beta = receipt.areas.find((a) => a.key === 'B')!;
    expect(beta.parts.map((p) => p.pence)).toEqual([12500, 27500, 0]);
  });

  it('a change of one indicator\'s data is that indicator\'s, and nothing else\'s', () => {
    const receipt = changeReceipt(spec(model(1000, 0.5), table({ population: [1, 3], crime: [3, 1] })), spec(model(1000, 0.5), table({ population: [1, 3], crime: [1, 1] })));
    expect(receipt.factors).toEqual(['indicator:crime', 'rounding']);
    // Alpha's crime share 3/4 -> 1/2 at weight 1/2 on £1,000: -£125.
    expect(receipt.areas.find((a) => a.key === 'A')!.parts).toEqual([
      { factor: 'indicator:crime', pence: -12500 },
      { factor: 'rounding', pence: 0 },
    ]);
  });
});

/** A second run: the base with some of its factors changed. */
const changedArb = fc.record({
  base: caseArb({ maxAreas: 10, damping: true }),
  pot: fc.option(fc.double({ min: 0.8, max: 1.2, noNaN: true }), { nil: undefined }),
  weights: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
  data: fc.option(fc.double({ min: 0.5, max: 2, noNaN: true }), { nil: undefined }),
  floor: fc.option(fc.double({ min: -0.2, max: 0, noNaN: true }), { nil: undefined }),
});

interface Changes {
  base: { model: Model; table: AreaTable };
  pot?: number | undefined;
  weights?: number | undefined;
  data?: number | undefined;
  floor?: number | undefined;
}

function pair(c: Changes) {
  const { model: m, table: t } = c.base;
  let next: Model = m;
  let nextTable = t;
  if (c.pot !== undefined) next = { ...next, pot: { ...next.pot, total: m.rounding === 'pound' ? Math.round(m.pot.total * c.pot) : Math.round(m.pot.total * c.pot * 100) / 100 } };
  if (c.weights !== undefined) {
    const names = Object.keys(m.indicators);
    const raw = names.map((_, k) => ((c.weights! * (k + 3)) % 97) + 1);
    const sum = raw.reduce((a, b) => a + b, 0);
    next = { ...next, indicators: Object.fromEntries(names.map((name, k) => [name, { ...m.indicators[name]!, weight: raw[k]! / sum }])) };
  }
  if (c.data !== undefined) {
    const columns = new Map(t.columns);
    columns.set('ind0', Float64Array.from(t.columns.get('ind0')!, (v, i) => (i === 0 ? v * c.data! : v)));
    nextTable = { ...t, columns };
  }
  if (c.floor !== undefined && next.damping && 'floor' in next.damping) next = { ...next, damping: { ...next.damping, floor: c.floor } };
  try {
    const a = spec(m, t);
    const b = spec(next, nextTable);
    return { a, b, changed: { pot: c.pot !== undefined, weights: c.weights !== undefined, data: c.data !== undefined } };
  } catch (error) {
    if (isUserError(error)) return undefined;
    throw error;
  }
}

function receiptOrNone(a: Parameters<typeof changeReceipt>[0], b: Parameters<typeof changeReceipt>[1]) {
  try {
    return changeReceipt(a, b);
  } catch (error) {
    if (isUserError(error)) return undefined;
    throw error;
  }
}

describe('change receipts: properties over random pairs of runs', () => {
  it('the parts add up exactly to each area\'s change, in whole pence', () => {
    fc.assert(
      fc.property(changedArb, (c) => {
        const runs = pair(c);
        if (!runs) return;
        const receipt = receiptOrNone(runs.a, runs.b);
        if (!receipt) return;
        for (const area of receipt.areas) {
          expect(area.parts.reduce((s, p) => s + p.pence, 0)).toBe(area.toPence - area.fromPence);
          for (const part of area.parts) expect(Number.isInteger(part.pence)).toBe(true);
          // Before rounding too (efficiency of the Shapley value).
          expect(area.exactParts.reduce((s, p) => s + p.pence, 0)).toBeCloseTo(area.toPence - area.fromPence, 4);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a factor that did not change gets exactly zero; changing only the pot attributes all but rounding to the pot', () => {
    fc.assert(
      fc.property(caseArb({ maxAreas: 10, damping: true }), fc.double({ min: 0.8, max: 1.2, noNaN: true }), ({ model: m, table: t }, factor) => {
        const runs = pair({ base: { model: m, table: t }, pot: factor });
        if (!runs) return;
        const receipt = receiptOrNone(runs.a, runs.b);
        if (!receipt) return;
        for (const area of receipt.areas) {
          for (const part of area.exactParts) if (part.factor !== 'rounding' && !part.factor.includes('pot')) expect(part.pence).toBe(0);
          const pot = area.exactParts.find((p) => p.factor.includes('pot'));
          const rounding = area.exactParts.find((p) => p.factor === 'rounding')!;
          expect((pot?.pence ?? 0) + rounding.pence).toBeCloseTo(area.toPence - area.fromPence, 6);
        }
        const same = receiptOrNone(runs.a, runs.a)!;
        expect(same.factors).toEqual(['rounding']);
        for (const area of same.areas) expect(area.parts).toEqual([{ factor: 'rounding', pence: 0 }]);
      }),
      { numRuns: 300 },
    );
  });

  it('swapping the two runs negates every part (before rounding)', () => {
    fc.assert(
      fc.property(changedArb, (c) => {
        const runs = pair(c);
        if (!runs) return;
        const forward = receiptOrNone(runs.a, runs.b);
        const back = receiptOrNone(runs.b, runs.a);
        if (!forward || !back) return;
        expect(back.factors).toEqual(forward.factors);
        forward.areas.forEach((area, i) => {
          const other = back.areas[i]!;
          area.exactParts.forEach((part, k) => expect(other.exactParts[k]!.pence).toBeCloseTo(-part.pence, 4));
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('change receipts on the command line', () => {
  it('a scenario against its base, in words and in JSON, whose parts add up', () => {
    const run = fairshare(['explain', 'models/avon-and-somerset-crime-weighted-up.yaml', '--change']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Bristol, City of: \+£2,834 = weights \+£2,833\.73, rounding \+£0\.27$/m);
    const json = JSON.parse(fairshare(['explain', 'models/avon-and-somerset-crime-weighted-up.yaml', '--change', '--format', 'json']).stdout);
    expect(json.result).toBe('change');
    for (const area of json.areas) expect(area.parts.reduce((s: number, p: { pence: number }) => s + p.pence, 0)).toBe(area.to_pence - area.from_pence);
  });

  it('against a saved result, for one area, as CSV and a waterfall; a run of other areas is refused', () => {
    const dir = workspace(MODEL, DATA);
    expect(fairshare(['allocate', 'model.yaml', '--out', 'before.json'], { cwd: dir }).status).toBe(0);
    const csv = fairshare(['explain', 'model.yaml', 'Beta', '--change', 'before.json', '--set', 'pot.total=1800', '--format', 'csv', '--chart', 'w.svg'], { cwd: dir });
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual(['area_name,area_key,from_gbp,to_gbp,change_gbp,pot_gbp,rounding_gbp', 'Beta,B,600.00,720.00,120.00,120.00,0.00']);
    writeFileSync(join(dir, 'other.csv'), DATA.replace('C,Gamma', 'D,Delta'));
    const other = fairshare(['explain', 'model.yaml', '--change', 'before.json', '--set', 'data.file=other.csv'], { cwd: dir });
    expect(other.stderr).toMatch(/a change receipt compares runs of the same areas; only the first has C; only the second has D/);
    expect(other.status).toBe(2);
    writeFileSync(join(dir, 'edited.json'), readFileEdited(join(dir, 'before.json')));
    const edited = fairshare(['explain', 'model.yaml', '--change', 'edited.json'], { cwd: dir });
    expect(edited.stderr).toMatch(/edited\.json: its allocations cannot be recomputed from what it records/);
    expect(edited.status).toBe(2);
  });

  it('a settlement year on year', () => {
    const run = fairshare(['explain', 'models/avon-and-somerset-settlement-2026-29.yaml', 'Somerset', '--change', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.years).toEqual([{ from: '2026/27', to: '2027/28' }, { from: '2027/28', to: '2028/29' }]);
    expect(json.areas.map((a: { key: string }) => a.key)).toEqual(['2027/28|E06000066', '2028/29|E06000066']);
    for (const area of json.areas) expect(area.parts.reduce((s: number, p: { pence: number }) => s + p.pence, 0)).toBe(area.to_pence - area.from_pence);
  });
});

describe('change receipts in the report', () => {
  it('a scenario against the model, and a settlement year on year, in words, as a table and as a waterfall', () => {
    const dir = tempDir('fairshare-receipt-report-');
    const scenario = fairshare(['report', 'models/avon-and-somerset-2025-26.yaml', 'models/avon-and-somerset-crime-weighted-up.yaml', '--out', join(dir, 'scenario.html')]);
    expect(scenario.status, scenario.stderr).toBe(0);
    const page = readFileSync(join(dir, 'scenario.html'), 'utf8');
    expect(page).toContain('Why the allocations changed: Community Safety Fund 2025/26 (example): Crime weighted up');
    expect(page).toContain('Bristol, City of: +£2,834 = weights +£2,833.73, rounding +£0.27');
    expect(page).toMatch(/<svg[^>]*>[\s\S]*?Waterfall chart of why Bristol, City of/);
    const settlement = fairshare(['report', 'models/avon-and-somerset-settlement-2026-29.yaml', '--out', join(dir, 'settlement.html')]);
    expect(settlement.status, settlement.stderr).toBe(0);
    const paper = readFileSync(join(dir, 'settlement.html'), 'utf8');
    expect(paper).toContain('Why the allocations changed, year on year');
    expect(paper).toMatch(/Bristol, City of, 2027\/28 against 2026\/27: \+£18,885 = pot -£40,660\.47, damping \+£59,545\.10, rounding \+£0\.37/);
  });
});

/** A saved result with one allocation altered by hand. */
function readFileEdited(path: string): string {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  json.areas[0].allocation_pence += 100;
  return JSON.stringify(json);
}
