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
