/** Whole-unit floors and ceilings are exact: the fast integer path agrees with BigInt arithmetic. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundUnits, boundsFor, decimalFraction } from '../../src/formula/bounds.js';

/** prior x (1 + rate), rounded up or down to the unit, in BigInt arithmetic alone. */
function reference(pence: number, unit: number, rate: number, direction: 'up' | 'down'): number {
  const { num, den } = decimalFraction(rate);
  const n = BigInt(pence) * (den + num);
  const d = den * BigInt(unit);
  let q = n / d;
  const r = n % d;
  if (direction === 'up' && r > 0n) q += 1n;
  if (direction === 'down' && r < 0n) q -= 1n;
  return Number(q);
}

describe('bounds', () => {
  it('agree with exact integer arithmetic for any prior in pence, rate and unit', () => {
    const rate = fc.oneof(fc.integer({ min: -10000, max: 10000 }).map((bp) => bp / 10000), fc.double({ min: -1, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e14 })), rate, fc.constantFrom(1, 100), fc.constantFrom('up' as const, 'down' as const), (pence, r, unit, direction) => {
        const priorUnits = pence / unit;
        expect(boundUnits(priorUnits, unit, r, direction)).toBe(reference(pence, unit, r, direction));
        expect(boundsFor(Float64Array.of(priorUnits), unit, r, direction)[0]).toBe(reference(pence, unit, r, direction));
      }),
      { numRuns: 5000 },
    );
  });

  it('worked by hand: a 5% floor on £570.01 rounds up to the pound; a ceiling rounds down', () => {
    // 57001 pence x 0.95 = 54150.95 pence: up to £542 as a floor, down to £541 as a ceiling.
    expect(boundUnits(570.01, 100, -0.05, 'up')).toBe(542);
    expect(boundUnits(570.01, 100, -0.05, 'down')).toBe(541);
    expect(boundUnits(100, 1, 0.025, 'up')).toBe(103); // 102.5 pence up
  });
});
