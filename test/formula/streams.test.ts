/**
 * Several streams per area: worked by hand (a police total of a formula grant, legacy grants
 * and a rural grant held flat, damped on the total), properties over random models, a stream
 * damped on its own through a settlement, and the bad input streams can meet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { allocate } from '../../src/formula/allocate.js';
import { splitPot } from '../../src/formula/pot.js';
import type { Model } from '../../src/model/schema.js';
import type { AllocationJson } from '../../src/results/allocation.js';
import type { SettlementJson } from '../../src/results/settlement.js';
import { caseArb } from '../helpers/arbitraries.js';
import { fairshare, refusedIn } from '../helpers/cli.js';
import { workspace } from '../helpers/small-model.js';

const DATA = `code,name,population,crime,prior,legacy,rural,formula_prior
A,Alpha,1000,10,400,50,0,350
B,Beta,3000,30,600,100,20,480
C,Gamma,2000,60,500,0,10,490
D,Delta,500,20,100,25,5,70
`;

const POLICE = `fairshare: 1
title: Police total of formula grant plus legacy grants
data: { file: data.csv, key: code, label: name }
pot: { total: 1700 }
streams:
  formula:
    rule: formula
    name: Formula grant
    indicators:
      pop: { column: population, weight: 0.5 }
      crime: { column: crime, weight: 0.5 }
  legacy: { rule: fixed, name: Legacy grants, column: legacy }
  rural: { rule: held_flat, name: Rural grant, prior: rural }
damping: { method: floor_scale, prior: prior, floor: -0.05 }
`;

function allocated(model: string, args: string[] = []): AllocationJson {
  const dir = workspace(model, DATA);
  const run = fairshare(['allocate', 'model.yaml', '--out', 'out.json', ...args], { cwd: dir });
  expect(run.stderr).toContain('wrote out.json');
  return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as AllocationJson;
}

function refused(model: string, args: string[] = []): string {
  return refusedIn(workspace(model, DATA), ['allocate', 'model.yaml', '--out', 'out.csv', ...args]);
}

describe('streams, worked by hand', () => {
  it('a formula grant taking what legacy and rural grants leave, the total damped with a 5% floor', () => {
    const json = allocated(POLICE);
    // Legacy 175 and rural 35 leave 1,490 for the formula: need shares .118590, .355769, .403846,
    // .121795 -> 176.70, 530.10, 601.73, 181.47 -> 177, 530, 602, 181 (largest remainder: C, A).
    expect(json.streams!.map((s) => [s.key, s.total_pence])).toEqual([
      ['formula', 149000],
      ['legacy', 17500],
      ['rural', 3500],
    ]);
    expect(json.streams![0]!.takes_the_rest).toBe(true);
    expect(json.areas.map((a) => a.streams)).toEqual([
      { formula: 17700, legacy: 5000, rural: 0 },
      { formula: 53000, legacy: 10000, rural: 2000 },
      { formula: 60200, legacy: 0, rural: 1000 },
      { formula: 18100, legacy: 2500, rural: 500 },
    ]);
    // Totals 227, 650, 612, 211 against priors 400, 600, 500, 100; floors 380, 570, 475, 95.
    // Alpha is held at its floor; gains over the floor 80, 137, 116 share 180: s = 180/333.
    expect(json.damping!.scaling_factor).toBeCloseTo(180 / 333, 12);
    expect(json.areas.map((a) => a.allocation_pence / 100)).toEqual([380, 613, 549, 158]);
    expect(json.areas[1]!.worked_example).toEqual(
      expect.arrayContaining([
        '1. Streams',
        '   Formula grant: need share 0.355769 of £1,490 (what the other streams leave) = £530 (formula: pop 50%, crime 50%)',
        '   Legacy grants: £100 fixed (column legacy)',
        "   Rural grant: £20 held flat at last year's amount (column rural)",
        '   added up = £650',
      ]),
    );
  });

  it('without damping, each area gets its streams added up, exactly', () => {
    const json = allocated(POLICE.replace(/damping: .*\n/, ''));
    for (const area of json.areas) expect(area.allocation_pence).toBe(Object.values(area.streams!).reduce((a, b) => a + b, 0));
  });

  it('the table has a column per stream, in every format', () => {
    const dir = workspace(POLICE, DATA);
    const table = fairshare(['allocate', 'model.yaml'], { cwd: dir }).stdout;
    expect(table).toMatch(/Formula grant\s+Legacy grants\s+Rural grant\s+Streams total\s+Prior\s+Allocation/);
    expect(table).toContain('Stream: Legacy grants  £175, fixed amounts from column legacy');
    fairshare(['allocate', 'model.yaml', '--out', 'out.csv'], { cwd: dir });
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\n')[0]).toBe('area_key,area_name,stream_formula_gbp,stream_legacy_gbp,stream_rural_gbp,target_gbp,prior_gbp,allocation_gbp,change_percent');
    // The report says the method in words, stream by stream.
    expect(fairshare(['report', 'model.yaml', '--out', 'report.html'], { cwd: dir }).status).toBe(0);
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(report).toContain("Each area's allocation is made of 3 streams, added up: Formula grant, £1,490 (what the other streams leave)");
    expect(report).toContain('no area loses more than 5%');
  });
});

describe('streams, as properties', () => {
  /** A random model turned into streams: its formula taking the rest, and a fixed stream. */
  const streamsArb = fc.tuple(caseArb({ damping: true }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.boolean()).map(([c, fraction, damped]) => {
    const unit = c.model.rounding === 'penny' ? 1 : 100;
    const distributable = splitPot(c.model).distributablePence;
    const n = c.table.keys.length;
    // Whole units, adding up to at most `fraction` of what there is to share.
    const each = Math.floor((distributable * fraction) / n / unit);
    const fixed = Float64Array.from({ length: n }, (_, i) => ((each * ((i % 3) + 1)) / 3) | 0).map((units) => (units * unit) / 100);
    const columns = new Map(c.table.columns);
    columns.set('fixed', fixed);
    const model: Model = {
      ...c.model,
      indicators: {},
      streams: {
        formula: { rule: 'formula', indicators: c.model.indicators, ...(c.model.minimum !== undefined && { minimum: c.model.minimum }) },
        fixed: { rule: 'fixed', column: 'fixed' },
      },
    };
    delete model.minimum;
    if (!damped) delete model.damping;
    return { model, table: { ...c.table, columns }, distributable };
  });

  it('every run adds up to its pot exactly, fixed streams are paid as given, and without damping an area gets its streams added up', () => {
    let ran = 0;
    fc.assert(
      fc.property(streamsArb, ({ model, table, distributable }) => {
        let result;
        try {
          result = allocate(model, table);
        } catch (error) {
          if (isUserError(error)) return; // an unaffordable floor, say: refused, never wrong
          throw error;
        }
        ran++;
        expect(result.areas.reduce((s, a) => s + a.allocationPence, 0)).toBe(distributable);
        const [formula, fixed] = result.streams!;
        expect(fixed!.pence.every((p, row) => p === Math.round(table.columns.get('fixed')![row]! * 100))).toBe(true);
        expect(formula!.pence.reduce((a, b) => a + b, 0) + fixed!.totalPence).toBe(distributable);
        if (!model.damping) result.areas.forEach((area) => expect(area.allocationPence).toBe(area.streams!.reduce((a, b) => a + b, 0)));
      }),
      { numRuns: 300 },
    );
    // Most random models run: the property is not met by refusing them.
    expect(ran).toBeGreaterThan(150);
  });
});

describe('a stream damped on its own, through a settlement', () => {
  it('is damped each later year against its own amounts the year before', () => {
    const model = POLICE.replace(/damping: .*\n/, '').replace(
      "      crime: { column: crime, weight: 0.5 }\n",
      "      crime: { column: crime, weight: 0.5 }\n    damping: { method: floor_scale, prior: formula_prior, floor: -0.02 }\n",
    );
    const settlement = `fairshare: 1
kind: settlement
title: Three years
base: model.yaml
years:
  - { year: 2026 }
  - { year: 2027, indicative: true, set: { pot.total: 1750 } }
  - { year: 2028, indicative: true, set: { pot.total: 1800 } }
`;
    const dir = workspace(model, DATA, { 'settlement.yaml': settlement });
    const run = fairshare(['allocate', 'settlement.yaml', '--out', 'out.json'], { cwd: dir });
    expect(run.status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as SettlementJson;
    const formulaByYear = json.years.map((year) => year.allocation.areas.map((a) => a.streams!['formula']!));
    // Each later year: no area's formula grant falls more than 2% below its amount the year before.
    for (let y = 1; y < formulaByYear.length; y++) {
      formulaByYear[y]!.forEach((pence, i) => expect(pence).toBeGreaterThanOrEqual(Math.ceil((formulaByYear[y - 1]![i]! * 0.98) / 100) * 100));
    }
    expect(json.years[1]!.allocation.streams![0]!.damping!.prior_source).toBe('the 2026/27 Formula grant');
  });
});

describe('streams: bad input', () => {
  it('streams whose fixed amounts the pot cannot meet: says by how much', () => {
    expect(refused(POLICE, ['--set', 'pot.total=200'])).toContain('model.yaml: streams: the streams take £210 (fixed and held flat £210), £10 more than the distributable pot of £200');
  });

  it('a stream whose column does not add up to its amount, and streams that leave money unshared', () => {
    expect(refused(POLICE, ['--set', 'streams.legacy.amount=170'])).toContain("model.yaml: streams.legacy: its amounts in column 'legacy' add up to £175, £5 more than its amount of £170");
    expect(refused(POLICE, ['--set', 'streams.formula.amount=1400'])).toContain('model.yaml: streams: the streams add up to £1,610, £90 less than the distributable pot of £1,700');
  });

  it('two formula streams taking the rest, indicators beside streams, an unknown column', () => {
    const two = POLICE.replace('  legacy: { rule: fixed', '  second: { rule: formula, indicators: { pop: { column: population, weight: 1 } } }\n  legacy: { rule: fixed');
    expect(refused(two)).toContain('streams.second.amount: only one formula stream can take what the others leave; formula and second both have no amount');
    expect(refused(POLICE.replace('pot: { total: 1700 }', 'pot: { total: 1700 }\nindicators: { pop: { column: population, weight: 1 } }'))).toContain('indicators: a model with streams has its indicators in each formula stream');
    expect(refused(POLICE, ['--set', 'streams.legacy.column=legacyy'])).toContain("data.csv:1: no column 'legacyy' (used by streams.legacy.column); did you mean 'legacy'?");
  });

  it('a stream amount that is not money the model can pay', () => {
    expect(refused(POLICE, ['--set', 'streams.legacy.amount=175.5'])).toContain("streams.legacy.amount: a stream's amount must be whole pounds when rounding is 'pound'");
    const pence = DATA.replace('A,Alpha,1000,10,400,50,0,350', 'A,Alpha,1000,10,400,50.5,0,350');
    const dir = workspace(POLICE, pence);
    const run = fairshare(['allocate', 'model.yaml'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("data.csv:2: column 'legacy' (streams.legacy): 50.5 is not an amount in whole pounds (the model rounds to the pound)");
  });

  it('an analysis that runs one formula refuses streams by name', () => {
    const dir = workspace(POLICE, DATA);
    const run = fairshare(['sensitivity', 'model.yaml', '--draws', '10'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('model.yaml: streams: this analysis runs one formula over every area, and does not yet take a model of several streams');
  });
});
