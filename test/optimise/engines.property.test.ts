import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINES, engine } from '../../src/optimise/engines/index.js';
import { LpBuilder, violations, type LinearProgram } from '../../src/optimise/lp.js';

/**
 * Random programmes (synthetic, for tests only): a few columns, some integer, bounded by a
 * row over all of them so every feasible one has an optimum; other rows with mixed signs,
 * so some are infeasible, which both engines must then say.
 */
const programmeArb: fc.Arbitrary<LinearProgram> = fc
  .record({
    columns: fc.array(fc.record({ cost: fc.integer({ min: -5, max: 10 }), lower: fc.integer({ min: 0, max: 3 }), span: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), integer: fc.boolean() }), { minLength: 1, maxLength: 7 }),
    budget: fc.integer({ min: 1, max: 60 }),
    rows: fc.array(
      fc.record({ coefficients: fc.array(fc.integer({ min: -3, max: 5 }), { minLength: 7, maxLength: 7 }), lower: fc.option(fc.integer({ min: -10, max: 30 }), { nil: undefined }), width: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }) }),
      { maxLength: 5 },
    ),
  })
  .map(({ columns, budget, rows }) => {
    const b = new LpBuilder();
    const cols = columns.map((c, j) => b.addColumn(`x${j}`, c.cost, c.lower, c.span === undefined ? Infinity : c.lower + c.span, c.integer));
    b.addRow('budget', -Infinity, budget, cols.map((j) => [j, 1] as [number, number]));
    rows.forEach((r, i) => {
      const lower = r.lower ?? -Infinity;
      const upper = r.width === undefined ? Infinity : (r.lower ?? 0) + r.width;
      if (lower === -Infinity && upper === Infinity) return;
      b.addRow(`r${i}`, lower, upper, cols.map((j) => [j, r.coefficients[j]!] as [number, number]));
    });
    return b.build();
  });

describe('the two engines', () => {
  it('reach the same optimum (1e-6 relative) on random LPs and MIPs, or both find none; every solution meets every constraint', async () => {
    let optimal = 0;
    let infeasible = 0;
    await fc.assert(
      fc.asyncProperty(programmeArb, async (lp) => {
        const [highs, jslp] = await Promise.all(ENGINES.map((name) => engine(name).solve(lp)));
        expect(jslp!.status).toBe(highs!.status);
        if (highs!.status !== 'optimal') {
          infeasible++;
          return;
        }
        optimal++;
        expect(Math.abs(jslp!.objective - highs!.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(highs!.objective)));
        for (const solution of [highs!, jslp!]) expect(violations(lp, solution.values, 1e-6)).toEqual([]);
      }),
      { numRuns: 150 },
    );
    // The generator must give both kinds in good number, or the property proves little.
    expect(optimal).toBeGreaterThan(35);
    expect(infeasible).toBeGreaterThan(5);
  }, 120_000);
});

describe('the independent check', () => {
  const b = new LpBuilder();
  const x = b.addColumn('x', 1, 0, 10, true);
  const y = b.addColumn('y', 1, 2, 5);
  b.addRow('sum', -Infinity, 8, [[x, 1], [y, 1]]);
  const lp = b.build();

  it('passes a solution that meets every constraint', () => {
    expect(violations(lp, [3, 5])).toEqual([]);
  });

  it('catches a broken row, a broken bound and a fractional integer, each by name', () => {
    expect(violations(lp, [4, 5]).map((v) => [v.kind, v.name])).toEqual([['row', 'sum']]);
    expect(violations(lp, [3, 1]).map((v) => [v.kind, v.name])).toEqual([['column', 'y']]);
    expect(violations(lp, [2.5, 5]).map((v) => [v.kind, v.name])).toEqual([['integrality', 'x']]);
  });

  it('allows 1e-6 relative and no more', () => {
    expect(violations(lp, [3, 5 + 5e-6])).toEqual([]);
    expect(violations(lp, [3, 5 + 2e-5]).length).toBeGreaterThan(0);
  });
});
