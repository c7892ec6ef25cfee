/**
 * Multi-year settlements: properties over thousands of random settlements, the shipped
 * examples, and every bad settlement file refused with its place.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { allocate } from '../../src/formula/allocate.js';
import type { Model } from '../../src/model/schema.js';
import { allocationJson } from '../../src/results/allocation.js';
import { financialYear, settle, type SettlementYearInput } from '../../src/settlement/settle.js';
import { caseArb } from '../helpers/arbitraries.js';
import { fairshare } from '../helpers/cli.js';
import { DATA, MODEL, workspace } from '../helpers/small-model.js';

/** A random settlement: one base case, its pot changed year by year by a factor. */
const settlementArb = (damping: NonNullable<Parameters<typeof caseArb>[0]>['damping']) =>
  fc.record({
    base: caseArb({ maxAreas: 12, damping }),
    factors: fc.array(fc.double({ min: 0.85, max: 1.15, noNaN: true }), { minLength: 0, maxLength: 4 }),
  });

function years({ base, factors }: { base: { model: Model; table: SettlementYearInput['table'] }; factors: number[] }): SettlementYearInput[] {
  const out: SettlementYearInput[] = [];
  let model = base.model;
  [1, ...factors].forEach((factor, k) => {
    // Whole units of the rounding, as a model file would state them.
    const total = model.rounding === 'pound' ? Math.round(model.pot.total * factor) : Math.round(model.pot.total * factor * 100) / 100;
    model = { ...model, pot: { ...model.pot, total } };
    out.push({ year: 2026 + k, label: financialYear(2026 + k), indicative: k > 0, model, table: base.table });
  });
  return out;
}

/** Settle, or undefined where a year's floor or minimum cannot be afforded (tested apart). */
function settled(inputs: SettlementYearInput[]) {
  try {
    return settle('property test', inputs);
  } catch (error) {
    if (isUserError(error)) return undefined;
    throw error;
  }
}

describe('settlements: properties over random settlements', () => {
  it('every year adds up exactly to its own distributable pot', () => {
    fc.assert(
      fc.property(settlementArb(true), (c) => {
        const result = settled(years(c));
        if (!result) return;
        for (const year of result.years) {
          expect(year.result.areas.reduce((s, a) => s + a.allocationPence, 0)).toBe(year.result.pot.distributablePence);
          for (const area of year.result.areas) expect(Number.isInteger(area.allocationPence / year.result.unitPence)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a chained floor is never breached, in any year, against the year before it', () => {
    fc.assert(
      fc.property(settlementArb('floor_scale'), (c) => {
        const result = settled(years(c));
        if (!result) return;
        const floor = (c.base.model.damping as { floor: number }).floor;
        result.years.forEach((year, k) => {
          const prior = k === 0 ? undefined : new Map(result.years[k - 1]!.result.areas.map((a) => [a.key, a.allocationPence]));
          for (const area of year.result.areas) {
            const priorPence = prior ? prior.get(area.key)! : area.damping!.priorPence;
            expect(area.damping!.priorPence).toBeCloseTo(priorPence, 6);
            // At least the floor: the whole-unit floor, which is at least prior x (1 + floor).
            expect(area.allocationPence).toBeGreaterThanOrEqual(area.damping!.floorPence!);
            expect(area.damping!.floorPence!).toBeGreaterThanOrEqual(priorPence * (1 + floor) * (1 - 1e-12) - 1e-6);
          }
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('a one-year settlement is its base allocation, byte for byte', () => {
    fc.assert(
      fc.property(caseArb({ maxAreas: 10, damping: true }), ({ model, table }) => {
        let direct;
        try {
          direct = allocate(model, table);
        } catch (error) {
          if (isUserError(error)) return;
          throw error;
        }
        const one = settle('one year', [{ year: 2026, label: '2026/27', indicative: false, model, table }]);
        expect(JSON.stringify(allocationJson(one.years[0]!.result, {}))).toBe(JSON.stringify(allocationJson(direct, {})));
      }),
      { numRuns: 1000 },
    );
  });

  it('a transition over N years with unchanged targets reaches every target in year N (within one unit) and stays there', () => {
    fc.assert(
      fc.property(caseArb({ maxAreas: 10, damping: 'transition', slices: false }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }), ({ model, table }, n, extra) => {
        const transition = { ...model, damping: { ...(model.damping as { prior: string }), method: 'transition' as const, years: n } } as Model;
        const inputs = Array.from({ length: n + extra }, (_, k) => ({ year: 2026 + k, label: financialYear(2026 + k), indicative: k > 0, model: transition, table }));
        const result = settled(inputs);
        if (!result) return;
        result.years.forEach((year, k) => {
          if (k + 1 < n) return;
          for (const area of year.result.areas) expect(Math.abs(area.allocationPence - area.targetPence)).toBeLessThanOrEqual(year.result.unitPence);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('the same inputs give the same bytes', () => {
    fc.assert(
      fc.property(settlementArb(true), (c) => {
        const a = settled(years(c));
        if (!a) return;
        const b = settled(years(c))!;
        expect(JSON.stringify(b.years.map((y) => allocationJson(y.result, {})))).toBe(JSON.stringify(a.years.map((y) => allocationJson(y.result, {}))));
      }),
      { numRuns: 200 },
    );
  });
});

const SETTLEMENT = `fairshare: 1
kind: settlement
title: Test settlement
base: model.yaml
years:
  - year: 2026
  - { year: 2027, indicative: true, set: { pot.total: 1600 } }
  - { year: 2028, indicative: true, set: { pot.total: 1700 } }
`;
const DAMPED = `${MODEL}damping: { method: floor_scale, prior: prior, floor: -0.05 }\n`;

describe('settlements on the command line', () => {
  it('allocate: a column per year and the change over the settlement, every year reconciled; explain year by year', () => {
    const dir = workspace(DAMPED, DATA, { 's.yaml': SETTLEMENT });
    const json = JSON.parse(fairshare(['allocate', 's.yaml', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.result).toBe('settlement');
    expect(json.years.map((y: { label: string; indicative: boolean }) => [y.label, y.indicative])).toEqual([['2026/27', false], ['2027/28', true], ['2028/29', true]]);
    expect(json.years.map((y: { allocation: { totals: { allocation_pence: number } } }) => y.allocation.totals.allocation_pence)).toEqual([150000, 160000, 170000]);
    expect(json.years[1].allocation.damping.prior_source).toBe('the 2026/27 allocation');
    for (const area of json.areas) expect(area.allocations_pence).toHaveLength(3);
    const csv = fairshare(['allocate', 's.yaml', '--format', 'csv'], { cwd: dir }).stdout;
    expect(csv.split('\n')[0]).toBe('area_key,area_name,prior_gbp,allocation_2026_gbp,allocation_2027_gbp,allocation_2028_gbp,change_over_settlement_percent');
    const table = fairshare(['allocate', 's.yaml'], { cwd: dir }).stdout;
    expect(table).toMatch(/Area\s+Code\s+Prior\s+2026\/27\s+2027\/28 \(indicative\)\s+2028\/29 \(indicative\)\s+Change over the settlement/);
    const explain = fairshare(['explain', 's.yaml', 'Beta'], { cwd: dir });
    expect(explain.status).toBe(0);
    expect(explain.stdout).toMatch(/2027\/28 \(indicative\), year 2 of 3[\s\S]*against the prior of £[\d,.]+ \(the 2026\/27 allocation\)/);
    expect(fairshare(['validate', 's.yaml'], { cwd: dir }).stdout).toBe('s.yaml: valid. 3 year(s) from 2026/27 (1 firm, 2 indicative), 3 areas; every year adds up to its pot.\n');
  });

  it('a like-for-like adjustment applies to the year that sets it, not again to the years after', () => {
    const adjusted = DAMPED.replace('floor: -0.05 }', 'floor: -0.05, adjustments: [{ area: B, amount: -100, reason: Transfer }] }');
    const withTransfer = SETTLEMENT.replace('  - { year: 2028, indicative: true, set: { pot.total: 1700 } }', "  - { year: 2028, indicative: true, set: { pot.total: 1700, damping.adjustments: [{ area: C, amount: 50 }] } }");
    const dir = workspace(adjusted, DATA, { 's.yaml': withTransfer });
    const run = fairshare(['allocate', 's.yaml', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { years: { allocation: { areas: { key: string; prior_pence: number; prior_adjustment_pence?: number; allocation_pence: number }[] } }[] };
    const beta = json.years.map((y) => y.allocation.areas.find((a) => a.key === 'B')!);
    // 2026/27: Beta's prior of £600 less the £100 transfer; 2027/28: its 2026/27 allocation as paid.
    expect([beta[0]!.prior_pence, beta[0]!.prior_adjustment_pence]).toEqual([50000, -10000]);
    expect([beta[1]!.prior_pence, beta[1]!.prior_adjustment_pence]).toEqual([beta[0]!.allocation_pence, undefined]);
    // 2028/29 sets its own: Gamma's 2027/28 allocation plus £50.
    const gamma = json.years.map((y) => y.allocation.areas.find((a) => a.key === 'C')!);
    expect([gamma[2]!.prior_pence, gamma[2]!.prior_adjustment_pence]).toEqual([gamma[1]!.allocation_pence + 5000, 5000]);
    expect(json.years[2]!.allocation.areas.find((a) => a.key === 'B')!.prior_adjustment_pence).toBeUndefined();
    // A year that sets the whole damping block, adjustments and all, keeps them.
    const whole = SETTLEMENT.replace('set: { pot.total: 1700 }', "set: { pot.total: 1700, damping: { method: floor_scale, prior: prior, floor: -0.05, adjustments: [{ area: A, amount: 20 }] } }");
    const blockDir = workspace(adjusted, DATA, { 's.yaml': whole });
    const block = JSON.parse(fairshare(['allocate', 's.yaml', '--format', 'json'], { cwd: blockDir }).stdout) as typeof json;
    expect(block.years[2]!.allocation.areas.find((a) => a.key === 'A')!.prior_adjustment_pence).toBe(2000);
  });

  it('the shipped examples: a three-year settlement with its floor carried, and a formula phased in that reaches its target in year 3', () => {
    const settlement = JSON.parse(fairshare(['allocate', 'models/avon-and-somerset-settlement-2026-29.yaml', '--format', 'json']).stdout);
    expect(settlement.years).toHaveLength(3);
    settlement.years.forEach((year: { allocation: { areas: { allocation_pence: number; floor_pence: number }[]; pot: { distributable_pence: number } } }) => {
      expect(year.allocation.areas.reduce((s, a) => s + a.allocation_pence, 0)).toBe(year.allocation.pot.distributable_pence);
      for (const area of year.allocation.areas) expect(area.allocation_pence).toBeGreaterThanOrEqual(area.floor_pence);
    });
    // The first year is the 2025/26 example's allocation, damped against its prior.
    const base = JSON.parse(fairshare(['allocate', 'models/avon-and-somerset-2025-26.yaml', '--format', 'json']).stdout);
    expect(settlement.years[0].allocation.areas.map((a: { allocation_pence: number }) => a.allocation_pence)).toEqual(base.areas.map((a: { allocation_pence: number }) => a.allocation_pence));
    const phased = JSON.parse(fairshare(['allocate', 'models/avon-and-somerset-phased-formula-2026-29.yaml', '--format', 'json']).stdout);
    const last = phased.years[2].allocation;
    for (const area of last.areas) expect(Math.abs(area.allocation_pence - area.target_pence)).toBeLessThanOrEqual(1);
    expect(phased.years.map((y: { allocation: { damping: { years: number; transition_years?: number } } }) => y.allocation.damping.transition_years ?? y.allocation.damping.years)).toEqual([3, 2, 1]);
  });

  it('compares two settlements year by year, and draws each area\'s path', () => {
    const dir = workspace(DAMPED, DATA, { 's.yaml': SETTLEMENT, 't.yaml': SETTLEMENT.replace('pot.total: 1700', 'pot.total: 1800') });
    const compared = JSON.parse(fairshare(['compare', 's.yaml', 't.yaml', '--format', 'json'], { cwd: dir }).stdout);
    expect(compared.lines.map((l: { key: string }) => l.key)).toContain('2028|B');
    expect(compared.scenarios[0].change_pence).toBe(10000);
    const run = fairshare(['allocate', 's.yaml', '--chart', 'path.vl.json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'path.alt.txt'), 'utf8')).toMatch(/^Line chart of each area's allocation over the 3-year settlement Test settlement, from the prior year/);
  });

  const bad: [string, string, Record<string, string>, RegExp][] = [
    ['a gap in the years', SETTLEMENT.replace('year: 2027,', 'year: 2029,'), {}, /s\.yaml:7:\d+: years\.1\.year: the years must be consecutive: 2029 follows 2026 \(2027 is missing\)/],
    ['a year twice', SETTLEMENT.replace('year: 2028,', 'year: 2027,'), {}, /s\.yaml:8:\d+: years\.2\.year: 2027 is already years\.1: each year once/],
    ['a base that is not an allocation model', SETTLEMENT.replace('base: model.yaml', 'base: budget.yaml'), { 'budget.yaml': 'fairshare: 1\nkind: budget\n' }, /s\.yaml:4:7: base: budget\.yaml is a budget file, not an allocation model/],
    ['a settlement as its own base', SETTLEMENT.replace('base: model.yaml', 'base: s.yaml'), {}, /s\.yaml:4:7: base: the settlement names itself as its base/],
    ['a set path the model does not have', SETTLEMENT.replace('pot.total: 1600', 'pot.totl: 1600'), {}, /s\.yaml:7:\d+: years\.1\.set: pot\.totl: unknown key \(did you mean 'total'\?\)/],
    ['a set path through a name the model does not have', SETTLEMENT.replace('pot.total: 1600', 'indicators.crim.weight: 1'), {}, /s\.yaml:7:\d+: years\.1\.set: indicators\.crim: there is no 'crim' under indicators; did you mean 'crime'\?/],
    ['a floor a later year cannot afford', SETTLEMENT.replace('pot.total: 1600', 'pot.total: 1000'), {}, /s\.yaml: years\.1 \(2027\/28, damped against the 2026\/27 allocation\): damping\.floor: the floor of -5% \(no area loses more than 5%\) is unaffordable/],
  ];
  it.each(bad)('refuses %s, exit 2, with the place', (_, settlement, files, message) => {
    const dir = workspace(DAMPED, DATA, { 's.yaml': settlement, ...files });
    const run = fairshare(['allocate', 's.yaml', '--out', 'out.csv'], { cwd: dir });
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('ships the settlement JSON Schema, generated from the same definitions', () => {
    expect(JSON.parse(readFileSync(resolve('models/fairshare-settlement.schema.json'), 'utf8'))).toEqual(JSON.parse(fairshare(['schema', '--kind', 'settlement']).stdout));
  });

});
