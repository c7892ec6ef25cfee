import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestRemainder, selectKth } from '../../src/money/largest-remainder.js';

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe('largestRemainder', () => {
  it('hands leftover units to the largest remainders (the documented example)', () => {
    expect(Array.from(largestRemainder([33.4, 33.3, 33.3], 100).units)).toEqual([34, 33, 33]);
  });

  it('breaks exact ties by position', () => {
    expect(Array.from(largestRemainder([0.5, 0.5, 0.5, 0.5], 2).units)).toEqual([1, 1, 0, 0]);
  });

  it('shows the Alabama paradox it is known for (why divisor methods exist)', () => {
    // The classic case: with 10 seats area C gets 2; with 11 it gets 1.
    const shares = [6, 6, 2];
    const quota = (seats: number) => shares.map((s) => (s * seats) / 14);
    expect(largestRemainder(quota(10), 10).units[2]).toBe(2);
    expect(largestRemainder(quota(11), 11).units[2]).toBe(1);
  });

  it('property: sums exactly to the total and each result is within one unit of its quota', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 1e9 }),
        (weights, total) => {
          const weightSum = sum(weights);
          fc.pre(weightSum > 0);
          const quotas = weights.map((w) => (w / weightSum) * total);
          const { units } = largestRemainder(quotas, total);
          expect(sum(units)).toBe(total);
          units.forEach((u, i) => {
            expect(Number.isInteger(u)).toBe(true);
            expect(Math.abs(u - quotas[i]!)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: whole-unit bounds hold after rounding', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 30 }), fc.array(fc.double({ min: 0, max: 0.99, noNaN: true }), { minLength: 30, maxLength: 30 }), (floors, fractions) => {
        // Quotas at or above integer lower bounds, adding up to a whole total.
        const quotas = floors.map((f, i) => f + fractions[i]!);
        const total = Math.round(sum(quotas));
        fc.pre(total >= sum(floors));
        const { units } = largestRemainder(quotas, total, { lower: floors });
        expect(sum(units)).toBe(total);
        units.forEach((u, i) => expect(u).toBeGreaterThanOrEqual(floors[i]!));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: the same units as the textbook method (sort the remainders, ties to the lower index), with bounds, ties and units taken back', () => {
    // The reference: floor, clamp to the bounds, then one unit at a time down a sorted queue.
    const reference = (quotas: number[], total: number, lower?: number[], upper?: number[]) => {
      const units = quotas.map((q, i) => Math.min(upper?.[i] ?? Infinity, Math.max(lower?.[i] ?? -Infinity, Math.floor(q))));
      let left = total - sum(units);
      while (left !== 0) {
        const step = left > 0 ? 1 : -1;
        const queue = quotas
          .map((q, i) => ({ i, r: q - Math.floor(q) }))
          .filter(({ i }) => (step > 0 ? units[i]! + 1 <= (upper?.[i] ?? Infinity) : units[i]! - 1 >= (lower?.[i] ?? -Infinity)))
          .sort((a, b) => (step > 0 ? b.r - a.r : a.r - b.r) || a.i - b.i);
        const wanted = Math.min(Math.abs(left), queue.length);
        for (const { i } of queue.slice(0, wanted)) units[i] = units[i]! + step;
        left -= step * wanted;
      }
      return units;
    };
    // Remainders drawn from a few values make ties and crowded buckets; a spread makes the rest.
    const quota = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom(0, 0.5, 0.25, 0.999, 1 / 4096, 2 / 4096)).map(([w, f]) => w + f),
      fc.double({ min: 0, max: 1000, noNaN: true }),
    );
    // A total `shift` units off the quotas' sum; with bounds one unit below and two above each floor.
    const agrees = (quotas: number[], shift: number, bounded: boolean) => {
      const total = Math.max(0, Math.round(sum(quotas)) + shift);
      const lower = bounded ? quotas.map((q) => Math.max(0, Math.floor(q) - 1)) : undefined;
      const upper = bounded ? quotas.map((q) => Math.floor(q) + 2) : undefined;
      fc.pre(!lower || (sum(lower) <= total && total <= sum(upper!)));
      const units = largestRemainder(quotas, total, { ...(lower && { lower }), ...(upper && { upper }) }).units;
      expect(Array.from(units)).toEqual(reference(quotas, total, lower, upper));
    };
    fc.assert(fc.property(fc.array(quota, { minLength: 1, maxLength: 400 }), fc.integer({ min: -30, max: 30 }), fc.boolean(), agrees), { numRuns: 1500 });
    // Past 4,096 quotas the cut-off is found through remainder buckets: tables of LSOA size.
    const long = fc.tuple(fc.array(quota, { minLength: 8, maxLength: 8 }), fc.integer({ min: 4096, max: 6000 })).map(([pattern, n]) => Array.from({ length: n }, (_, i) => pattern[(i * 7 + (i >> 3)) % 8]! + (i % 13) * 0.0001));
    fc.assert(fc.property(long, fc.integer({ min: -3000, max: 3000 }), fc.boolean(), agrees), { numRuns: 60 });
  });

  it('walks a long way to a far total in whole passes (an optimisation rounds a pot far below its quota)', () => {
    // 942,114 passes of one unit each: a pass that allocated its own buckets took minutes.
    const started = performance.now();
    expect(Array.from(largestRemainder([1264300], 322186, { lower: [0] }).units)).toEqual([322186]);
    expect(Array.from(largestRemainder([10.5, 20.25, 30.75], 1000).units)).toEqual([323, 333, 344]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a total that is not a whole number of units', () => {
    expect(() => largestRemainder([1.5, 1.5], 3.5)).toThrow(/not a whole number/);
  });
});

describe('selectKth', () => {
  it('is the k-th smallest, as a full sort gives it, with repeats and signed zeros', () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 0.5, 1), fc.double({ min: -1, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.nat(), (values, pick) => {
        const k = pick % values.length;
        const sorted = Float64Array.from(values).sort();
        const selected = selectKth(Float64Array.from(values), values.length, k);
        expect(selected === sorted[k]).toBe(true);
      }),
    );
  });
});
