import { describe, expect, it } from 'vitest';
import { equalChange } from '../../src/formula/damping/equal-change.js';
import { floorCeiling } from '../../src/formula/damping/floor-ceiling.js';
import { floorScale } from '../../src/formula/damping/floor-scale.js';
import { transition } from '../../src/formula/damping/transition.js';

const input = (targets: number[], priors: number[], distributable: number) => ({
  targets: Float64Array.from(targets),
  priors: Float64Array.from(priors),
  distributable,
  unit: 100,
});

describe('damping, worked by hand', () => {
  it('floor_scale: protects the loser, scales back the gainers by one factor', () => {
    // Floors 95 each; the loser gets 95; gains over the floor (5 and 25) share the 15 left: s = 0.5.
    const result = floorScale(input([80, 100, 120], [100, 100, 100], 300), -0.05);
    expect(Array.from(result.exact)).toEqual([95, 97.5, 107.5]);
    expect(result.scalingFactor).toBe(0.5);
    expect([0, 1, 2].map((i) => result.outcome!(i))).toEqual(['held at floor', 'scaled', 'scaled']);
  });

  it('floor_scale: a positive floor (the 2008-11 police grant guaranteed +2.5%)', () => {
    const result = floorScale(input([90, 130], [100, 100], 220), 0.025);
    // Floors 102.5 -> 103 whole units (rounded up); room 14 over a gain of 27.
    expect(Array.from(result.lower!)).toEqual([103, 103]);
    expect(result.exact[1]).toBeCloseTo(103 + (14 / 27) * 27, 12);
  });

  it('floor_scale: an unaffordable floor is an error that says by how much', () => {
    expect(() => floorScale(input([80, 100, 100], [100, 100, 100], 280), -0.05)).toThrow(
      'damping.floor: the floor of -5% (no area loses more than 5%) is unaffordable: guaranteeing every area prior x (1 - 5%) needs £285, £5 more than the distributable pot of £280; the highest floor it can afford is -7% (no area loses more than 7%): set damping.floor to -0.07',
    );
  });

  it('floor_ceiling: clamps to the band and balances with one factor', () => {
    const result = floorCeiling(input([80, 100, 120], [100, 100, 100], 300), -0.05, 0.05);
    expect(Array.from(result.exact)).toEqual([95, 100, 105]);
    expect(result.scalingFactor).toBeCloseTo(1, 12);
    expect([0, 1, 2].map((i) => result.outcome!(i))).toEqual(['held at floor', 'scaled', 'capped at ceiling']);
  });

  it('floor_ceiling: the cap\'s proceeds pay for the floor', () => {
    // Targets 50/150 against priors 100/100 with a +-10% band: 90 and 110.
    const result = floorCeiling(input([50, 150], [100, 100], 200), -0.1, 0.1);
    expect(result.exact[0]).toBe(90);
    expect(result.exact[1]).toBeCloseTo(110, 12);
  });

  it('floor_ceiling: a ceiling too tight to spend the pot is an error', () => {
    expect(() => floorCeiling(input([150, 150], [100, 100], 300), -0.1, 0.1)).toThrow(
      /the ceiling of 10% caps the allocations at £220, £80 less than the distributable pot of £300; raise the ceiling/,
    );
  });

  it('equal_change: everyone changes by the same percentage', () => {
    const result = equalChange(input([0, 0], [100, 200], 330));
    expect(Array.from(result.exact)).toEqual([110.00000000000001, 220.00000000000003]);
    expect(result.scalingFactor).toBeCloseTo(1.1, 12);
  });

  it('transition: a third of the way to target, balanced to the pot', () => {
    const result = transition(input([160, 40], [100, 100], 200), 3);
    expect(Array.from(result.exact)).toEqual([120, 80]);
    const grown = transition(input([160, 40], [100, 100], 220), 3);
    expect(grown.scalingFactor).toBeCloseTo(1.1, 12);
  });
});
