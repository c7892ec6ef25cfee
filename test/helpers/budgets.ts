/** Random budgets for property tests (synthetic, for tests only). */
import fc from 'fast-check';
import type { Budget, Fence } from '../../src/funds/schema.js';

const fenceArb: fc.Arbitrary<Record<string, Fence>> = fc
  .array(
    fc.record({
      kind: fc.constantFrom('share', 'amount'),
      share: fc.double({ min: 0, max: 0.45, noNaN: true }),
      amount: fc.integer({ min: 0, max: 5000 }),
      pence: fc.integer({ min: 0, max: 99 }),
      nested: fc.boolean(),
      nestedShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
    }),
    { maxLength: 2 },
  )
  .map((list) =>
    Object.fromEntries(
      list.map((f, i) => [
        `f${i}`,
        {
          ...(f.kind === 'share' ? { share: f.share } : { amount: f.amount + f.pence / 100 }),
          ...(f.nested && { ring_fences: { inner: { share: f.nestedShare } } }),
        } as Fence,
      ]),
    ),
  );

export const budgetArb: fc.Arbitrary<Budget> = fc
  .record({
    funds: fc.array(fc.record({ amount: fc.integer({ min: 0, max: 200_000 }), pence: fc.integer({ min: 0, max: 99 }), body: fc.constantFrom('police', 'fire'), fences: fenceArb }), { minLength: 1, maxLength: 4 }),
    services: fc.array(
      fc.record({
        body: fc.constantFrom('police', 'fire'),
        picks: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
        request: fc.integer({ min: 0, max: 100_000 }),
        priority: fc.nat(2),
        commit: fc.boolean(),
        commitShare: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        start: fc.integer({ min: 2023, max: 2025 }),
        length: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ funds, services }) => {
    const budget: Budget = {
      fairshare: 1,
      kind: 'budget',
      title: 'property test',
      year: 2025,
      priorities: ['p0', 'p1', 'p2'],
      separate_bodies: true,
      funds: Object.fromEntries(funds.map((f, i) => [`fund${i}`, { amount: f.amount + f.pence / 100, body: f.body, ...(Object.keys(f.fences).length && { ring_fences: f.fences }) }])),
      services: {},
    };
    // Every pot path, with its body and a rough amount for sizing commitments.
    const pots: { path: string; body: string; rough: number }[] = [];
    funds.forEach((f, i) => {
      pots.push({ path: `fund${i}`, body: f.body, rough: f.amount / 4 });
      for (const [key, fence] of Object.entries(f.fences)) {
        pots.push({ path: `fund${i}.${key}`, body: f.body, rough: (fence.amount ?? (fence.share ?? 0) * f.amount) / 4 });
        if (fence.ring_fences) pots.push({ path: `fund${i}.${key}.inner`, body: f.body, rough: 0 });
      }
    });
    services.forEach((s, i) => {
      const own = pots.filter((p) => p.body === s.body);
      if (own.length === 0) return;
      const eligible = [...new Set(s.picks.map((n) => own[n % own.length]!.path))];
      const first = own.find((p) => p.path === eligible[0])!;
      const annual = Math.floor(first.rough * s.commitShare);
      budget.services[`s${i}`] = {
        priority: `p${s.priority}`,
        eligible,
        request: s.request,
        ...(s.commit && annual > 0 && {
          commitments: [{ name: 'contract', fund: first.path, start: s.start, end: s.start + s.length, annual }],
        }),
      };
    });
    return budget;
  });
