/**
 * The worked example's figures recompute the final allocation: every step is rebuilt
 * from the figures the example shows, independently of the engine's own arithmetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type AllocationResult } from '../../src/formula/allocate.js';
import { isUserError } from '../../src/errors.js';
import { loadAllocation, runAllocation } from '../../src/io/load-allocation.js';
import { formatPounds } from '../../src/money/units.js';
import { workedExample } from '../../src/report/worked-example.js';
import { caseArb } from '../helpers/arbitraries.js';

const close = (a: number, b: number, scale = 1) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(scale)));

function recompute(result: AllocationResult): void {
  const unit = result.unitPence;
  const distributable = result.pot.totalPence - result.pot.topSlices.reduce((s, t) => s + t.pence, 0);
  expect(distributable).toBe(result.pot.distributablePence);
  for (const area of result.areas) {
    let need = 0;
    for (const summary of result.indicators) {
      const own = area.indicators[summary.name]!;
      close(own.amount, own.value * (own.scaleBy ?? 1), own.amount);
      close(own.share, own.amount / summary.total);
      close(own.weighted, own.share * summary.weight);
      need += own.weighted;
    }
    close(area.needShare, need);
    close(area.formulaPence, area.needShare * distributable, distributable);
    if (result.minimum && area.minimum) {
      const expected = area.minimum.outcome === 'raised' ? result.minimum.pence : area.formulaPence * result.minimum.scalingFactor;
      close(area.targetPence, expected, distributable);
    } else {
      expect(area.targetPence).toBe(area.formulaPence);
    }
    if (result.damping && area.damping) {
      const { priorPence: prior, floorPence: floor, ceilingPence: ceiling, outcome } = area.damping;
      const s = result.damping.scalingFactor;
      const expected =
        outcome === 'held at floor' ? floor!
        : outcome === 'capped at ceiling' ? ceiling!
        : outcome === 'scaled' && result.damping.method === 'floor_scale' ? floor! + s * (area.targetPence - floor!)
        : outcome === 'scaled' ? s * area.targetPence
        : outcome === 'equal change' ? prior * s
        : (prior + (area.targetPence - prior) / result.damping.years!) * s;
      close(area.exactPence, expected, distributable);
    } else {
      expect(area.exactPence).toBe(area.targetPence);
    }
    expect(area.rounding.floorPence).toBe(Math.floor(area.exactPence / unit) * unit);
    expect(area.allocationPence).toBe(area.rounding.floorPence + area.rounding.adjustment * unit);
    // The text shows the final figure.
    const text = workedExample(result, area).join('\n');
    expect(text).toContain(`Allocation: ${formatPounds(area.allocationPence, result.rounding === 'penny')}`);
  }
}

describe('worked examples', () => {
  it('recompute every allocation of the Avon and Somerset example models', async () => {
    for (const model of ['models/avon-and-somerset-2025-26.yaml', 'models/avon-and-somerset-2025-26-transition.yaml']) {
      recompute(runAllocation(await loadAllocation(model)));
    }
  });

  it('recompute every allocation of random models', () => {
    fc.assert(
      fc.property(caseArb({ damping: true, minimum: true }), (c) => {
        let result: AllocationResult;
        try {
          result = allocate(c.model, c.table);
        } catch (error) {
          if (isUserError(error)) return;
          throw error;
        }
        recompute(result);
      }),
      { numRuns: 300 },
    );
  });

  it('reads as a step-by-step working for a budget paper (North Somerset, 2025/26 example)', async () => {
    const result = runAllocation(await loadAllocation('models/avon-and-somerset-2025-26.yaml'));
    const text = workedExample(result, result.areas.find((a) => a.key === 'E06000024')!);
    expect(text).toEqual([
      'Worked example: North Somerset (E06000024)',
      'Community Safety Fund 2025/26 (example)',
      '',
      '1. Indicator shares',
      '   population: 219,145 (population)',
      '      of 1,765,404 in all areas = share 0.124133 x weight 0.5 = 0.062067',
      '   crime: 1,116 (recorded_crime)',
      '      of 10,264 in all areas = share 0.108730 x weight 0.25 = 0.027182',
      '   asb: 209 (asb_incidents)',
      '      of 1,511 in all areas = share 0.138319 x weight 0.15 = 0.020748',
      '   deprivation: 15.825 (imd_score) x 219,145 (population) = 3,467,969.625',
      '      of 32,533,307.803 in all areas = share 0.106598 x weight 0.1 = 0.010660',
      '2. Need share',
      '   0.062067 + 0.027182 + 0.020748 + 0.010660 = 0.120657',
      '3. Distributable pot',
      '   £3,039,479 total - £303,948 PCC-retained commissioning (10% of the total) - £50,000 Pan-area projects = £2,685,531',
      '4. Formula target',
      '   need share 0.120657 x £2,685,531 = £324,026.8114',
      '5. Damping (floor scale: no area loses more than 5%) against the prior of £335,962.00 (column prior_illustrative)',
      '   floor: prior x (1 - 5%) = £319,164 (rounded up to the whole pound)',
      '   target £324,026.8114 (a change of -3.55%) is above the floor: floor + s x (target - floor), s = 0.671826 = £322,430.9623',
      '6. Rounding to the whole pound (largest remainder)',
      '   £322,430.9623 -> £322,430 with 0.9623 of a pound left over; 1st largest remainder of 5, so it receives one of the 1 leftover unit(s): + £1 = £322,431',
      '7. Allocation: £322,431',
      '   change against the prior: -4.03%',
    ]);
  });
});
