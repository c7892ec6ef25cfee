/**
 * The invariants of issue 2, each over thousands of random models (synthetic data).
 * A model whose floor or ceiling is unaffordable is a user error, not a counterexample;
 * `run` skips those, and each property also checks that most cases did run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type AllocationResult } from '../../src/formula/allocate.js';
import { isUserError } from '../../src/errors.js';
import { allocationJson } from '../../src/results/allocation.js';
import { caseArb, permute, type Case } from '../helpers/arbitraries.js';

const RUNS = 2000;
const manifest = { tool_version: 'test', model_file: 'm', model_sha256: 'x', data_file: 'd', data_sha256: 'y', overrides: [] };

function run(c: Case): AllocationResult | undefined {
  try {
    return allocate(c.model, c.table);
  } catch (error) {
    if (isUserError(error)) return undefined;
    throw error;
  }
}

function counted(): { ran: number; skipped: number; check: () => void } {
  const tally = {
    ran: 0,
    skipped: 0,
    check: () => expect(tally.ran).toBeGreaterThan(tally.skipped),
  };
  return tally;
}

const allocationsByKey = (result: AllocationResult) => Object.fromEntries(result.areas.map((area) => [area.key, area.allocationPence]));

describe('allocate: properties', () => {
  it('allocations sum exactly to the distributable pot, in whole rounding units', () => {
    const tally = counted();
    fc.assert(
      fc.property(caseArb({ damping: true, minimum: true }), (c) => {
        const result = run(c);
        if (!result) return void tally.skipped++;
        tally.ran++;
        const total = result.areas.reduce((sum, area) => sum + area.allocationPence, 0);
        expect(total).toBe(result.pot.distributablePence);
        expect(result.pot.distributablePence + result.pot.topSlices.reduce((s, t) => s + t.pence, 0)).toBe(result.pot.totalPence);
        for (const area of result.areas) expect(area.allocationPence % result.unitPence).toBe(0);
      }),
      { numRuns: RUNS },
    );
    tally.check();
  });

  it('without damping or minimum, each area is within one unit of its exact quota', () => {
    fc.assert(
      fc.property(caseArb({ damping: false }), (c) => {
        const result = allocate(c.model, c.table);
        for (const area of result.areas) {
          const quota = area.needShare * result.pot.distributablePence;
          expect(Math.abs(area.allocationPence - quota)).toBeLessThan(result.unitPence * (1 + 1e-9));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reordering the rows changes nobody\'s allocation (nor any other figure)', () => {
    fc.assert(
      fc.property(
        caseArb({ damping: true, minimum: true }).chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray([...c.table.keys.keys()], { minLength: c.table.keys.length }))),
        ([c, order]) => {
          const result = run(c);
          if (!result) return;
          const shuffled = allocate(c.model, permute(c.table, order));
          expect(allocationsByKey(shuffled)).toEqual(allocationsByKey(result));
          const byKey = new Map(result.areas.map((area) => [area.key, area]));
          for (const area of shuffled.areas) expect({ ...area, line: 0 }).toEqual({ ...byKey.get(area.key)!, line: 0 });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('floors and ceilings are never breached, after rounding', () => {
    const tally = counted();
    fc.assert(
      fc.property(fc.constantFrom('floor_scale' as const, 'floor_ceiling' as const).chain((method) => caseArb({ damping: method })), (c) => {
        const result = run(c);
        if (!result) return void tally.skipped++;
        tally.ran++;
        const damping = c.model.damping!;
        for (const area of result.areas) {
          const prior = area.damping!.priorPence;
          const slack = 1e-6 * Math.max(1, prior);
          if ('floor' in damping) expect(area.allocationPence).toBeGreaterThanOrEqual(prior * (1 + damping.floor) - slack);
          if ('ceiling' in damping) expect(area.allocationPence).toBeLessThanOrEqual(Math.max(prior * (1 + damping.ceiling), area.damping!.floorPence!) + slack);
        }
      }),
      { numRuns: RUNS },
    );
    tally.check();
  });

  it('the floor_scale factor lies in [0, 1]', () => {
    const tally = counted();
    fc.assert(
      fc.property(caseArb({ damping: 'floor_scale', minimum: true }), (c) => {
        const result = run(c);
        if (!result) return void tally.skipped++;
        tally.ran++;
        expect(result.damping!.scalingFactor).toBeGreaterThanOrEqual(0);
        expect(result.damping!.scalingFactor).toBeLessThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
    tally.check();
  });

  it('before damping, an area with at least as much of every indicator never gets less', () => {
    fc.assert(
      fc.property(caseArb({ damping: false, minimum: true }), fc.nat(), fc.nat(), (c, a, b) => {
        const n = c.table.keys.length;
        const [i, j] = [a % n, b % n];
        // Make row i dominate row j in every column (a copy of j, each value raised a little or not).
        for (const values of c.table.columns.values()) values[i] = values[j]! * (1 + ((a + b) % 3) / 10);
        fc.pre([...c.table.columns.values()].every((values) => values.some((v) => v > 0)));
        const result = allocate(c.model, c.table);
        const [bigger, smaller] = [result.areas[i]!, result.areas[j]!];
        expect(bigger.targetPence).toBeGreaterThanOrEqual(smaller.targetPence);
        if (bigger.exactPence > smaller.exactPence) expect(bigger.allocationPence).toBeGreaterThanOrEqual(smaller.allocationPence);
        // Exactly equal quotas can only be split by the tie-break: at most one unit apart.
        else expect(Math.abs(bigger.allocationPence - smaller.allocationPence)).toBeLessThanOrEqual(result.unitPence);
      }),
      { numRuns: RUNS },
    );
  });

  it('the same inputs give byte-identical outputs', () => {
    fc.assert(
      fc.property(caseArb({ damping: true, minimum: true, maxAreas: 10 }), (c) => {
        const first = run(c);
        if (!first) return;
        const second = allocate(structuredClone(c.model), { ...c.table, columns: new Map([...c.table.columns].map(([k, v]) => [k, v.slice()])) });
        expect(JSON.stringify(allocationJson(second, manifest))).toBe(JSON.stringify(allocationJson(first, manifest)));
      }),
      { numRuns: 500 },
    );
  });

  it('a minimum is met by every area when there is no damping', () => {
    fc.assert(
      fc.property(caseArb({ damping: false, minimum: true }), (c) => {
        const result = allocate(c.model, c.table);
        for (const area of result.areas) expect(area.allocationPence).toBeGreaterThanOrEqual((c.model.minimum ?? 0) * 100 - 1e-6);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the compiled formula, kept for a model and its table', () => {
  it('gives the same pennies on a second run as on the first, and a changed copy of the model its own', () => {
    fc.assert(
      fc.property(caseArb({ damping: true, minimum: true, slices: true }), (c) => {
        const first = run(c);
        if (!first) return;
        const again = allocate(c.model, c.table);
        expect(Array.from(again.allocationsPence)).toEqual(Array.from(first.allocationsPence));
        const bigger = { ...c.model, pot: { ...c.model.pot, total: c.model.pot.total + 1000 } };
        const fresh = run({ model: bigger, table: c.table });
        // A compiled run for the old pot would still add up to it: the copy's must add up to its own.
        if (fresh) expect(fresh.pot.distributablePence).toBeGreaterThan(first.pot.distributablePence);
      }),
      { numRuns: 200 },
    );
  });
});
