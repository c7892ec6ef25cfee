import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAreaTable } from '../../src/data/table.js';
import { gapAnalysis, needsColumns } from '../../src/gap/gap.js';
import { NeedsSchema } from '../../src/gap/schema.js';
import { loadOptimisation } from '../../src/io/load-optimisation.js';
import { runGap } from '../../src/io/load-needs.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';


function workspace(files: Record<string, string>): string {
  const dir = tempDir('fairshare-gap-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * Worked by hand. Two areas; demand = crimes x 0.5 x 12: North 10 crimes -> 60, South 30 ->
 * 180 (240 in all). A force-wide service of 120 is shared by demand: North 30, South 90; a
 * South-only service adds 100: South 190 against 180 (no gap: its surplus does not reach
 * North). Unmet: North 30, South 0. At £99.99 a unit, North's gap costs £2,999.70.
 */
const DATA = 'code,name,crimes,places\nN,North,10,4\nS,South,30,1\n';
const NEEDS = `fairshare: 1
kind: needs
title: Hand-worked
data: { file: data.csv, key: code, label: name }
priorities:
  support:
    unit: victims
    demand: [{ column: crimes, rate: 0.5, scale: 12 }]
    unit_cost: 99.99
    provision:
      - { name: Force-wide, capacity: 120 }
      - { name: South only, capacity: 100, area: S }
  refuge:
    unit: places
    demand: [{ expression: "crimes / 10", rate: 1 }]
    unit_cost: 1000
    provision: [{ name: Existing places, capacity_column: places }]
`;

describe('fairshare gap, worked by hand', () => {
  it('shares force-wide capacity by demand, keeps an area service in its area, costs and ranks the gaps', async () => {
    const { result } = await runGap(join(workspace({ 'data.csv': DATA, 'needs.yaml': NEEDS }), 'needs.yaml'));
    const support = result.areas.filter((a) => a.priority === 'support');
    expect(support.map((a) => [a.key, a.demand, a.capacity, a.unmet, a.unmetCostPence])).toEqual([
      ['N', 60, 30, 30, 299_970],
      ['S', 180, 190, 0, 0],
    ]);
    // Refuge: demand crimes / 10 = 1 and 3 places; capacity 4 and 1: unmet 0 and 2 (£2,000).
    const refuge = result.areas.filter((a) => a.priority === 'refuge');
    expect(refuge.map((a) => [a.key, a.unmet, a.unmetCostPence])).toEqual([
      ['N', 0, 0],
      ['S', 2, 200_000],
    ]);
    expect(result.priorities.map((p) => [p.rank, p.name, p.demand, p.capacity, p.unmet, p.unmetCostPence])).toEqual([
      [1, 'support', 240, 220, 30, 299_970],
      [2, 'refuge', 4, 5, 2, 200_000],
    ]);
    expect(result.areas.find((a) => a.priority === 'support' && a.key === 'N')!.rank).toBe(1);
    expect(result.areas.find((a) => a.priority === 'refuge' && a.key === 'S')!.rank).toBe(2);
  });

  it('property: a priority\'s cost is the sum of its areas\'; unmet is never negative nor above demand; more capacity never widens a gap', () => {
    const needs = NeedsSchema.parse({ fairshare: 1, kind: 'needs', title: 't', data: { file: 'd', key: 'k' }, priorities: { p: { demand: [{ column: 'c', rate: 0.7 }], unit_cost: 12.34, provision: [{ name: 'all', capacity: 0 }, { name: 'one', capacity: 0, area: 'A0' }] } } });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 }), (counts, shared, own, extra) => {
        const csv = `k,c\n${counts.map((c, i) => `A${i},${c}`).join('\n')}\n`;
        const table = parseAreaTable(csv, 'd.csv', { key: 'k', numeric: needsColumns(needs) });
        const withCapacity = (a: number, b: number) => ({ ...needs, priorities: { p: { ...needs.priorities.p!, provision: [{ name: 'all', capacity: a }, { name: 'one', capacity: b, area: 'A0' }] } } });
        const before = gapAnalysis(withCapacity(shared, own), table);
        const after = gapAnalysis(withCapacity(shared + extra, own), table);
        expect(before.priorities[0]!.unmetCostPence).toBe(before.areas.reduce((s, a) => s + a.unmetCostPence, 0));
        for (const area of before.areas) expect(area.unmet >= 0 && area.unmet <= area.demand + 1e-9).toBe(true);
        expect(after.priorities[0]!.unmet).toBeLessThanOrEqual(before.priorities[0]!.unmet + 1e-9);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the example needs assessment, on police.uk crime for Avon and Somerset', () => {
  it('estimates demand from the real counts: domestic abuse = 0.15 x 12 x 4,424 violent and sexual offences', async () => {
    const { result } = await runGap('models/avon-and-somerset-victims-needs.yaml');
    const da = result.priorities.find((p) => p.name === 'domestic abuse')!;
    // January 2023: 367 + 1,498 + 516 + 622 + 1,421 violent or sexual offences in the five councils.
    expect(da.demand).toBeCloseTo(0.15 * 12 * 4424, 9);
    expect(da.capacity).toBe(3900);
    expect(result.priorities.map((p) => p.name)).toEqual(['domestic abuse', 'sexual violence', 'acquisitive crime', 'anti-social behaviour']);
    expect(result.areas.find((a) => a.priority === 'domestic abuse' && a.label === 'Bristol, City of')!.demand).toBeCloseTo(0.15 * 12 * 1498, 9);
  });

  it('feeds an optimisation: the gap CSV as a need table, or the needs file named directly, give the same weights', async () => {
    const dir = workspace({});
    const csv = spawnSync(process.execPath, [CLI, 'gap', 'models/avon-and-somerset-victims-needs.yaml', '--out', join(dir, 'gap.csv')], { encoding: 'utf8' });
    expect(csv.status, csv.stderr).toBe(0);
    const header = readFileSync(join(dir, 'gap.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('priority,area_key,area_name,demand,capacity,unmet,unit_cost_gbp,unmet_cost_gbp,rank');
    const model = readFileSync('models/avon-and-somerset-victims-optimisation.yaml', 'utf8').replaceAll('../datasets', resolve('datasets')).replaceAll('model: victims-grant-by-force-2025-26.yaml', `model: ${resolve('models/victims-grant-by-force-2025-26.yaml')}`);
    writeFileSync(join(dir, 'direct.yaml'), model.replace('need_weights: { gap: avon-and-somerset-victims-needs.yaml }', `need_weights: { gap: ${resolve('models/avon-and-somerset-victims-needs.yaml')} }`));
    writeFileSync(join(dir, 'table.yaml'), model.replace('need_weights: { gap: avon-and-somerset-victims-needs.yaml }', 'need_weights: { file: gap.csv, priority: priority, weight: unmet_cost_gbp, area: area_key }'));
    const [direct, table] = await Promise.all([loadOptimisation(join(dir, 'direct.yaml')), loadOptimisation(join(dir, 'table.yaml'))]);
    for (let p = 0; p < direct.prepared.priorities.length; p++) {
      expect(direct.prepared.priorities[p]!.weight).toBeCloseTo(table.prepared.priorities[p]!.weight, 12);
      const [a, b] = [direct, table].map((run) => run.prepared.priorities[p]!.areaShares!);
      a!.forEach((share, i) => expect(share).toBeCloseTo(b![i]!, 12));
    }
    const da = direct.prepared.priorities.find((p) => p.name === 'domestic abuse')!;
    expect(da.weight).toBeGreaterThan(0.8);
  });
});

describe('bad needs files: key path and exit 2', () => {
  const cases: [string, (t: string) => string, RegExp][] = [
    ['a column the data does not have', (t) => t.replace('column: crimes', 'column: crime'), /data\.csv:1: no column 'crime' \(used by priorities\.support\.demand\.0\.column\); did you mean 'crimes'\?/],
    ['a negative rate', (t) => t.replace('rate: 0.5', 'rate: -0.5'), /needs\.yaml:\d+:\d+: priorities\.support\.demand\.0\.rate: must be at least 0/],
    ['no unit cost', (t) => t.replace('    unit_cost: 99.99\n', ''), /priorities\.support\.unit_cost: required key is missing/],
    ['a service for an area the data does not have', (t) => t.replace('area: S }', 'area: X }'), /needs\.yaml:\d+:\d+: priorities\.support\.provision\.1\.area: no area 'X' in data\.csv/],
    ['both a capacity and a capacity column', (t) => t.replace('{ name: Existing places, capacity_column: places }', '{ name: Existing places, capacity_column: places, capacity: 3 }'), /priorities\.refuge\.provision\.0: give exactly one of capacity or capacity_column/],
    ['an expression that turns negative', (t) => t.replace('"crimes / 10"', '"crimes - 20"'), /priorities\.refuge\.demand\.0\.expression: gives -10 for area 'N' \(data\.csv:2\); demand must be a finite number of zero or more/],
    ['an expression that reaches outside arithmetic', (t) => t.replace('"crimes / 10"', '"import(crimes)"'), /needs\.yaml: priorities\.refuge\.demand\.0\.expression/],
  ];
  it.each(cases)('%s', (_, edit, message) => {
    const dir = workspace({ 'data.csv': DATA, 'needs.yaml': edit(NEEDS) });
    const run = spawnSync(process.execPath, [CLI, 'gap', 'needs.yaml', '--out', 'gap.csv'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(existsSync(join(dir, 'gap.csv'))).toBe(false);
  });
});
