import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashFlow, scheduleStages, splitPayment } from '../../src/funds/payments.js';
import { splitBudget, type SplitResult } from '../../src/funds/split.js';
import { ModelProblems } from '../../src/errors.js';
import { poundsToPence } from '../../src/money/units.js';
import { budgetArb } from '../helpers/budgets.js';
import type { Budget } from '../../src/funds/schema.js';

function run(budget: Budget): SplitResult | undefined {
  try {
    return splitBudget(budget);
  } catch (error) {
    if (error instanceof ModelProblems) return undefined; // an unaffordable commitment: a user error, tested apart
    throw error;
  }
}

describe('fairshare split: properties over random budgets', () => {
  it("every fund's ring-fences and unfenced money sum to the fund exactly", () => {
    fc.assert(
      fc.property(budgetArb, (budget) => {
        const result = run(budget);
        if (!result) return;
        for (const [name, fund] of Object.entries(budget.funds)) {
          const pots = result.pots.filter((pot) => pot.fund === name);
          expect(pots.reduce((sum, pot) => sum + pot.pence, 0)).toBe(poundsToPence(fund.amount!));
          // Each node: its own money plus its direct fences' totals is its total.
          for (const pot of pots) {
            const children = pots.filter((p) => p.path.startsWith(`${pot.path}.`) && p.path.split('.').length === pot.path.split('.').length + 1);
            expect(pot.pence + children.reduce((sum, c) => sum + c.totalPence, 0)).toBe(pot.totalPence);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('no service is paid from money it is not eligible for, and police and fire never cross', () => {
    fc.assert(
      fc.property(budgetArb, (budget) => {
        const result = run(budget);
        if (!result) return;
        const bodyOf = new Map(result.pots.map((pot) => [pot.path, pot.body]));
        for (const service of result.services) {
          for (const draw of service.draws) expect(budget.services[service.name]!.eligible).toContain(draw.pot);
          expect(new Set(service.draws.map((d) => bodyOf.get(d.pot))).size).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('commitments are honoured first: in full, before any request, and no pot is overspent', () => {
    let withCommitments = 0;
    let runs = 0;
    fc.assert(
      fc.property(budgetArb, (budget) => {
        const result = run(budget);
        if (!result) return;
        runs++;
        if (result.services.some((s) => s.committedPence > 0)) withCommitments++;
        for (const service of result.services) {
          const active = (budget.services[service.name]!.commitments ?? []).filter((c) => c.start <= 2025 && 2025 <= c.end);
          expect(service.committedPence).toBe(active.reduce((sum, c) => sum + poundsToPence(c.annual), 0));
          expect(service.allocatedPence + service.shortfallPence).toBe(service.requestedPence);
        }
        for (const pot of result.pots) {
          expect(pot.committedPence + pot.allocatedPence + pot.unallocatedPence).toBe(pot.pence);
          expect(pot.unallocatedPence).toBeGreaterThanOrEqual(0);
        }
        // A shortfall means every pot the service could use is spent.
        for (const service of result.services.filter((s) => s.shortfallPence > 0)) {
          for (const path of budget.services[service.name]!.eligible) expect(result.pots.find((p) => p.path === path)!.unallocatedPence).toBe(0);
        }
      }),
      { numRuns: 1500 },
    );
    // The property must have had commitments to check, in a good share of the runs.
    expect(runs).toBeGreaterThan(1000);
    expect(withCommitments).toBeGreaterThan(runs / 4);
  });

  it("the cash flow pays every contract and award exactly once, in whole pence, fund by fund, and last year's arrears of a continuing contract in Q1", () => {
    fc.assert(
      fc.property(budgetArb, (budget) => {
        const result = run(budget);
        if (!result) return;
        const flow = cashFlow(budget, result);
        for (const row of flow.byFund) {
          const owed = result.pots.filter((pot) => pot.fund === row.fund).reduce((sum, pot) => sum + pot.committedPence + pot.allocatedPence, 0);
          expect(row.totalPence).toBe(owed + row.carriedInPence);
          expect(row.periods.reduce((a, b) => a + b, 0)).toBe(owed + row.carriedInPence);
        }
        for (const service of result.services) {
          const lines = flow.payments.filter((line) => line.service === service.name);
          const paid = lines.filter((line) => !line.carriedIn).reduce((sum, line) => sum + line.pence, 0);
          expect(paid).toBe(service.committedPence + service.allocatedPence);
          // Carried in: exactly what last year's schedule paid after its year end, for contracts that ran last year.
          const spec = budget.services[service.name]!;
          const expected = service.commitments
            .filter((c) => c.start < budget.year)
            .reduce((sum, c) => {
              const stages = scheduleStages(spec.commitments![c.index]!.payments ?? spec.payments);
              return sum + splitPayment(c.pence, stages).reduce((s, part, i) => s + (stages[i]!.period === 4 ? part : 0), 0);
            }, 0);
          const carried = lines.filter((line) => line.carriedIn);
          expect(carried.reduce((sum, line) => sum + line.pence, 0)).toBe(expected);
          for (const line of carried) expect(line.period).toBe(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('payment schedules sum to the award exactly', () => {
    const stagesArb = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }).map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      return { stages: weights.map((w, i) => ({ share: w / total, quarter: i === 4 ? ('after_year_end' as const) : (i % 4) + 1 })) };
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.oneof(stagesArb, fc.constantFrom('on_award' as const, 'quarterly_in_arrears' as const, 'quarterly_in_advance' as const)), (pence, payments) => {
        const parts = splitPayment(pence, scheduleStages(payments));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(pence);
        for (const part of parts) expect(Number.isInteger(part) && part >= 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
