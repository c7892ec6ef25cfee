/** Optimisation models for tests, from plain objects (synthetic, for tests only). */
import fc from 'fast-check';
import { prepare, type Prepared } from '../../src/optimise/prepare.js';
import { OptimisationSchema } from '../../src/optimise/schema.js';

/** Validate a model object as a file would be, and prepare it (no budget, areas or tables). */
export function prepared(model: Record<string, unknown>): Prepared {
  const parsed = OptimisationSchema.parse({ fairshare: 1, kind: 'optimisation', title: 'test', year: 2025, ...model });
  const applications = new Map(Object.entries(parsed.grant_rounds ?? {}).map(([name, round]) => [name, round.applications ?? []]));
  return prepare({ model: parsed, resolved: new Map(), applications });
}

/**
 * Random feasible-looking models: two or three funds (one possibly fenced), priorities with
 * options on diminishing-returns curves, limits, a policy rule, and sometimes a grant round.
 * Some are infeasible on purpose (minimums above the money): the properties skip those.
 */
export const optimisationArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    funds: fc.array(fc.record({ amount: fc.integer({ min: 0, max: 50_000 }), fence: fc.option(fc.double({ min: 0.05, max: 0.6, noNaN: true }), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
    priorities: fc.array(
      fc.record({
        weight: fc.double({ min: 0, max: 1, noNaN: true }),
        min: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
        max: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }),
        options: fc.array(
          fc.record({
            rates: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 3 }),
            widths: fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 3, maxLength: 3 }),
            openEnded: fc.boolean(),
            picks: fc.array(fc.nat(10), { minLength: 1, maxLength: 2 }),
            max: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    rule: fc.option(fc.record({ priority: fc.nat(2), share: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 0.6, noNaN: true })) }), { nil: undefined }),
    round: fc.option(
      fc.record({
        priority: fc.nat(2),
        fund: fc.nat(2),
        partial: fc.boolean(),
        apps: fc.array(fc.record({ request: fc.integer({ min: 100, max: 6000 }), a: fc.integer({ min: 0, max: 5 }), b: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 8 }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ funds, priorities, rule, round }) => {
    const pots: string[] = [];
    const fundsOut = Object.fromEntries(
      funds.map((f, i) => {
        pots.push(`f${i}`);
        if (f.fence !== undefined) pots.push(`f${i}.fenced`);
        return [`f${i}`, { amount: f.amount, ...(f.fence !== undefined && { ring_fences: { fenced: { share: f.fence } } }) }];
      }),
    );
    const prioritiesOut = Object.fromEntries(
      priorities.map((p, i) => [
        `p${i}`,
        {
          need_weight: p.weight,
          ...(p.min !== undefined && { min: p.min }),
          ...(p.max !== undefined && p.max >= (p.min ?? 0) && { max: p.max }),
          options: Object.fromEntries(
            p.options.map((o, j) => {
              const rates = [...o.rates].sort((a, b) => b - a);
              let end = 0;
              const segments = rates.map((rate, s) => {
                end += o.widths[s]!;
                return s === rates.length - 1 && o.openEnded ? { outcome_per_pound: rate } : { up_to: end, outcome_per_pound: rate };
              });
              return [`o${i}_${j}`, { segments, eligible: [...new Set(o.picks.map((k) => pots[k % pots.length]!))], ...(o.max !== undefined && { max: o.max }) }];
            }),
          ),
        },
      ]),
    );
    const names = Object.keys(prioritiesOut);
    return {
      funds: fundsOut,
      priorities: prioritiesOut,
      ...(rule && { rules: [{ name: 'a share', spend: { priorities: [names[rule.priority % names.length]!] }, min_share: rule.share }] }),
      ...(round && {
        grant_rounds: {
          grants: {
            priority: names[round.priority % names.length]!,
            fund: pots[round.fund % pots.length]!,
            award: { min: 100, max: 5000 },
            partial: round.partial,
            score_weights: { a: 0.5, b: 0.5 },
            applications: round.apps.map((app, k) => ({ id: `A${k}`, request: app.request, scores: { a: app.a, b: app.b } })),
          },
        },
      }),
    };
  });
