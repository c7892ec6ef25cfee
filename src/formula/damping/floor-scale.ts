import { UserError } from '../../errors.js';
import { formatPounds } from '../../money/units.js';
import { ceilUnits } from '../tolerance.js';
import type { DampingInput, DampingOutcome, DampingResult } from './types.js';

/** Whole-unit floors: prior x (1 + floor), rounded up so the guarantee survives rounding. */
export function floorAmounts(priors: Float64Array, floor: number): Float64Array {
  return priors.map((prior) => ceilUnits(prior * (1 + floor)));
}

export function unaffordableFloor(floor: number, floorsTotal: number, input: DampingInput): UserError {
  const { distributable, unit } = input;
  const pct = `${+(floor * 100).toFixed(6)}%`;
  return new UserError(
    `damping.floor: the floor of ${pct} is unaffordable: guaranteeing every area prior x (1 ${floor < 0 ? '-' : '+'} ${pct.replace('-', '')}) ` +
      `needs ${formatPounds(floorsTotal * unit)}, ${formatPounds((floorsTotal - distributable) * unit)} more than the ` +
      `distributable pot of ${formatPounds(distributable * unit)}`,
  );
}

/**
 * Floor with scale-back (the DCLG / Home Office police grant method): every area gets at
 * least its floor; areas whose target is above the floor keep a common fraction s of their
 * gain over it, s solved so the pot balances exactly.
 */
export function floorScale(input: DampingInput, floor: number): DampingResult {
  const { targets, priors, distributable } = input;
  const n = targets.length;
  const lower = floorAmounts(priors, floor);
  let floorsTotal = 0;
  let gainOverFloor = 0;
  for (let i = 0; i < n; i++) {
    floorsTotal += lower[i]!;
    if (targets[i]! > lower[i]!) gainOverFloor += targets[i]! - lower[i]!;
  }
  const room = distributable - floorsTotal;
  if (room < 0) throw unaffordableFloor(floor, floorsTotal, input);
  const s = gainOverFloor > 0 ? Math.min(1, Math.max(0, room / gainOverFloor)) : 1;

  const exact = new Float64Array(n);
  const outcomes: DampingOutcome[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const gain = targets[i]! - lower[i]!;
    if (gain > 0) {
      exact[i] = lower[i]! + s * gain;
      outcomes[i] = 'scaled';
    } else {
      exact[i] = lower[i]!;
      outcomes[i] = 'held at floor';
    }
  }
  return { exact, outcomes, lower, scalingFactor: s };
}
