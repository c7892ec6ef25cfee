import { UserError } from '../../errors.js';
import { formatPounds } from '../../money/units.js';
import { ceilUnits } from '../tolerance.js';
import { float64, type Workspace } from '../workspace.js';
import type { DampingInput, DampingOutcome, DampingResult } from './types.js';

/** Whole-unit floors: prior x (1 + floor), rounded up so the guarantee survives rounding. */
export function floorAmounts(priors: Float64Array, floor: number, ws?: Workspace): Float64Array {
  const lower = float64(ws, 'damping.lower', priors.length);
  for (let i = 0; i < priors.length; i++) lower[i] = ceilUnits(priors[i]! * (1 + floor));
  return lower;
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
  const { targets, priors, distributable, ws } = input;
  const n = targets.length;
  const lower = floorAmounts(priors, floor, ws);
  let floorsTotal = 0;
  let gainOverFloor = 0;
  for (let i = 0; i < n; i++) {
    floorsTotal += lower[i]!;
    if (targets[i]! > lower[i]!) gainOverFloor += targets[i]! - lower[i]!;
  }
  const room = distributable - floorsTotal;
  if (room < 0) throw unaffordableFloor(floor, floorsTotal, input);
  const s = gainOverFloor > 0 ? Math.min(1, Math.max(0, room / gainOverFloor)) : 1;

  const exact = float64(ws, 'damping.exact', n);
  const outcomes: DampingOutcome[] | undefined = ws ? undefined : new Array(n);
  for (let i = 0; i < n; i++) {
    const gain = targets[i]! - lower[i]!;
    exact[i] = gain > 0 ? lower[i]! + s * gain : lower[i]!;
    if (outcomes) outcomes[i] = gain > 0 ? 'scaled' : 'held at floor';
  }
  return { exact, ...(outcomes && { outcomes }), lower, scalingFactor: s };
}
