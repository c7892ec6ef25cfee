import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelProblems } from '../../src/errors.js';
import { buildProgramme } from '../../src/optimise/build.js';
import { optimisePrepared, optimiseProgramme } from '../../src/optimise/optimise.js';
import type { OptimisationResult } from '../../src/optimise/result.js';
import { optimisationArb, prepared } from '../helpers/optimisation.js';

type Outcome = OptimisationResult | 'infeasible';

async function solve(run: () => Promise<OptimisationResult>): Promise<Outcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ModelProblems) return 'infeasible';
    throw error;
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('optimise: properties over random models', () => {
  it('both engines agree (optimum to 1e-6, or both infeasible); money reconciles; whole awards are whole', async () => {
    let solved = 0;
    await fc.assert(
      fc.asyncProperty(optimisationArb, async (model) => {
        const [highs, jslp] = await Promise.all((['highs', 'jslp'] as const).map((engine) => solve(() => optimisePrepared(prepared(model), { engine, shadowPrices: false, explainDecisions: false }))));
        expect(typeof jslp).toBe(typeof highs);
        if (highs === 'infeasible' || jslp === 'infeasible') return;
        solved++;
        expect(close(highs!.objective, jslp!.objective), `${highs!.objective} vs ${jslp!.objective}`).toBe(true);
        for (const result of [highs!, jslp!]) {
          expect(result.worstViolation).toBeLessThanOrEqual(1e-6);
          for (const pot of result.pots) {
            expect(pot.heldPence + pot.committedPence + pot.allocatedPence + pot.unallocatedPence).toBe(pot.availablePence);
            expect(pot.unallocatedPence).toBeGreaterThanOrEqual(0);
            const paid = result.spend.filter((s) => s.pot === pot.path).reduce((s, l) => s + l.pence, 0) + result.awards.filter((a) => a.pot === pot.path).reduce((s, a) => s + a.awardPence, 0);
            expect(paid).toBe(pot.committedPence + pot.allocatedPence);
          }
          for (const line of result.spend) expect(Number.isInteger(line.pence) && line.pence >= 0).toBe(true);
          const round = (model.grant_rounds as { grants?: { partial: boolean } } | undefined)?.grants;
          if (round && !round.partial) for (const award of result.awards) expect([0, award.requestPence]).toContain(award.awardPence);
        }
      }),
      { numRuns: 120 },
    );
    expect(solved).toBeGreaterThan(50);
  }, 120_000);

  it('more money in a fund never lowers the optimum', async () => {
    await fc.assert(
      fc.asyncProperty(optimisationArb, fc.nat(2), fc.integer({ min: 1, max: 30_000 }), async (model, which, extra) => {
        const funds = model.funds as Record<string, { amount: number }>;
        const name = Object.keys(funds)[which % Object.keys(funds).length]!;
        const richer = { ...model, funds: { ...funds, [name]: { ...funds[name]!, amount: funds[name]!.amount + extra } } };
        const before = await solve(() => optimisePrepared(prepared(model), { shadowPrices: false, explainDecisions: false }));
        const after = await solve(() => optimisePrepared(prepared(richer), { shadowPrices: false, explainDecisions: false }));
        if (before === 'infeasible') return;
        expect(after).not.toBe('infeasible');
        expect((after as OptimisationResult).objective).toBeGreaterThanOrEqual(before.objective - 1e-6 * Math.max(1, Math.abs(before.objective)));
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('dropping a constraint never lowers the optimum', async () => {
    let dropped = 0;
    await fc.assert(
      fc.asyncProperty(optimisationArb, fc.nat(), async (model, which) => {
        const programme = buildProgramme(prepared(model));
        const own = programme.rows.flatMap((role, i) => (role.internal ? [] : [i]));
        if (own.length === 0) return;
        const before = await solve(() => optimiseProgramme(programme, { shadowPrices: false, explainDecisions: false }));
        const i = own[which % own.length]!;
        const loose = buildProgramme(prepared(model));
        loose.lp.rows[i] = { ...loose.lp.rows[i]!, lower: -Infinity, upper: Infinity };
        const after = await solve(() => optimiseProgramme(loose, { shadowPrices: false, explainDecisions: false }));
        if (before === 'infeasible') return;
        dropped++;
        expect(after).not.toBe('infeasible');
        expect((after as OptimisationResult).objective).toBeGreaterThanOrEqual(before.objective - 1e-6 * Math.max(1, Math.abs(before.objective)));
      }),
      { numRuns: 200 },
    );
    expect(dropped).toBeGreaterThan(80);
  }, 120_000);
});
