import { UserError } from '../../errors.js';
import { formatPounds } from '../../money/units.js';
import { boundsFor, boundUnits } from '../bounds.js';
import { float64 } from '../workspace.js';
import type { DampingInput, DampingOutcome, DampingResult } from './types.js';

/** Whole-unit floors: prior x (1 + floor), rounded up so the guarantee survives rounding; exact (see bounds.ts). */
export function floorAmounts(priors: Float64Array, floor: number, unit: number): Float64Array {
  return boundsFor(priors, unit, floor, 'up');
}

/**
 * The highest floor the pot can pay for, to a hundredth of a percent: every area's floor
 * (rounded up to the unit, as applied) summed within the distributable pot. Undefined when
 * even a floor of -100% is not (the pot is negative).
 */
export function deepestAffordableFloor(priors: Float64Array, distributable: number, unit: number): number | undefined {
  const priorTotal = priors.reduce((a, b) => a + b, 0);
  if (!(priorTotal > 0)) return undefined;
  const affordable = (rate: number) => {
    let total = 0;
    for (let i = 0; i < priors.length; i++) total += boundUnits(priors[i]!, unit, rate, 'up');
    return total <= distributable;
  };
  // Start at the balance point and step down a hundredth of a percent until it fits.
  let basisPoints = Math.floor((distributable / priorTotal - 1) * 10000);
  for (let tries = 0; basisPoints >= -10000 && tries < 10000; tries++, basisPoints--) {
    const rate = basisPoints / 10000;
    if (affordable(rate)) return rate;
  }
  return undefined;
}

/** "no area loses more than 5%" (-0.05), "every area gains at least 2.5%" (0.025): a floor in words. */
export function floorInWords(floor: number): string {
  const pct = `${+(Math.abs(floor) * 100).toFixed(6)}%`;
  if (floor < 0) return `no area loses more than ${pct}`;
  if (floor > 0) return `every area gains at least ${pct}`;
  return 'no area loses anything';
}

export function unaffordableFloor(floor: number, floorsTotal: number, input: DampingInput): UserError {
  const { distributable, unit } = input;
  const pct = `${+(floor * 100).toFixed(6)}%`;
  const deepest = deepestAffordableFloor(input.priors, distributable, unit);
  return new UserError(
    `damping.floor: the floor of ${pct} (${floorInWords(floor)}) is unaffordable: guaranteeing every area prior x (1 ${floor < 0 ? '-' : '+'} ${pct.replace('-', '')}) ` +
      `needs ${formatPounds(floorsTotal * unit)}, ${formatPounds((floorsTotal - distributable) * unit)} more than the ` +
      `distributable pot of ${formatPounds(distributable * unit)}` +
      (deepest !== undefined ? `; the highest floor it can afford is ${+(deepest * 100).toFixed(2)}% (${floorInWords(deepest)}): set damping.floor to ${deepest}` : ''),
  );
}

/**
 * Floor with scale-back (the DCLG / Home Office police grant method): every area gets at
 * least its floor; areas whose target is above the floor keep a common fraction s of their
 * gain over it, s solved so the pot balances exactly.
 */
export function floorScale(input: DampingInput, floor: number, imposed?: number): DampingResult {
  const { targets, priors, distributable, ws } = input;
  const n = targets.length;
  const lower = floorAmounts(priors, floor, input.unit);
  let floorsTotal = 0;
  let gainOverFloor = 0;
  for (let i = 0; i < n; i++) {
    floorsTotal += lower[i]!;
    if (targets[i]! > lower[i]!) gainOverFloor += targets[i]! - lower[i]!;
  }
  const room = distributable - floorsTotal;
  if (room < 0) throw unaffordableFloor(floor, floorsTotal, input);
  const solved = gainOverFloor > 0 ? Math.min(1, Math.max(0, room / gainOverFloor)) : 1;
  // A published factor is applied as published: the allocations then total less than the pot
  // (the residual is reported), never more.
  if (imposed !== undefined && gainOverFloor * imposed > room + 1e-9 * Math.max(1, distributable)) {
    throw new UserError(
      `damping.scale: the imposed scale-back factor of ${imposed} needs ${formatPounds(Math.ceil(floorsTotal + imposed * gainOverFloor) * input.unit)}, ` +
        `${formatPounds(Math.ceil(floorsTotal + imposed * gainOverFloor - distributable) * input.unit)} more than the distributable pot of ${formatPounds(distributable * input.unit)}; ` +
        `the largest factor the pot affords is ${solved.toFixed(6)}`,
    );
  }
  const s = imposed ?? solved;

  const exact = float64(ws, 'damping.exact', n);
  for (let i = 0; i < n; i++) {
    const gain = targets[i]! - lower[i]!;
    exact[i] = gain > 0 ? lower[i]! + s * gain : lower[i]!;
  }
  const outcome = (i: number): DampingOutcome => (targets[i]! - lower[i]! > 0 ? 'scaled' : 'held at floor');
  if (imposed === undefined) return { exact, ...(!ws && { outcome }), lower, scalingFactor: s };
  let total = 0;
  for (let i = 0; i < n; i++) total += exact[i]!;
  return { exact, ...(!ws && { outcome }), lower, scalingFactor: s, imposed: true, distributed: Math.min(distributable, Math.round(total)) };
}
