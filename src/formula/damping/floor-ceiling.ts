import { UserError } from '../../errors.js';
import { formatPounds } from '../../money/units.js';
import { floorUnits } from '../tolerance.js';
import { floorAmounts, unaffordableFloor } from './floor-scale.js';
import type { DampingInput, DampingOutcome, DampingResult } from './types.js';

/**
 * Floor and ceiling: each area's change is clamped to [floor, ceiling] and the unclamped
 * areas' targets are scaled by one factor k so the pot balances. Solved exactly: the total
 * of clamp(k x target, floor, ceiling) is piecewise linear and rising in k, so k is found
 * by sweeping the breakpoints where areas enter or leave their bounds.
 */
export function floorCeiling(input: DampingInput, floor: number, ceiling: number): DampingResult {
  const { targets, priors, distributable, unit } = input;
  const n = targets.length;
  const lower = floorAmounts(priors, floor);
  const upper = priors.map((prior, i) => Math.max(lower[i]!, floorUnits(prior * (1 + ceiling))));

  let constant = 0; // sum of the bounds of areas currently clamped
  let most = 0; // the largest total reachable
  const events: { at: number; i: number; enters: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    const t = targets[i]!;
    constant += lower[i]!;
    if (t > 0) {
      most += upper[i]!;
      events.push({ at: lower[i]! / t, i, enters: true }, { at: upper[i]! / t, i, enters: false });
    } else {
      most += lower[i]!;
    }
  }
  if (constant > distributable) throw unaffordableFloor(floor, constant, input);
  if (most < distributable) {
    throw new UserError(
      `damping.ceiling: the ceiling of ${+(ceiling * 100).toFixed(6)}% caps the allocations at ${formatPounds(most * unit)}, ` +
        `${formatPounds((distributable - most) * unit)} less than the distributable pot of ${formatPounds(distributable * unit)}; raise the ceiling`,
    );
  }
  // Entering events before leaving ones at the same k keeps the slope right at ties.
  events.sort((a, b) => a.at - b.at || Number(b.enters) - Number(a.enters) || a.i - b.i);

  // Between breakpoints the total is constant + slope x k; it is continuous, so the first
  // breakpoint at which it reaches the pot brackets the answer.
  let slope = 0;
  let k = events.length > 0 ? events[events.length - 1]!.at : 0;
  if (constant < distributable) {
    for (const event of events) {
      if (slope > 0 && constant + slope * event.at >= distributable) {
        k = (distributable - constant) / slope;
        break;
      }
      const t = targets[event.i]!;
      if (event.enters) {
        constant -= lower[event.i]!;
        slope += t;
      } else {
        constant += upper[event.i]!;
        slope -= t;
      }
    }
  } else {
    k = 0;
  }

  const exact = new Float64Array(n);
  const outcomes: DampingOutcome[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const scaled = k * targets[i]!;
    if (scaled <= lower[i]!) {
      exact[i] = lower[i]!;
      outcomes[i] = 'held at floor';
    } else if (scaled >= upper[i]!) {
      exact[i] = upper[i]!;
      outcomes[i] = 'capped at ceiling';
    } else {
      exact[i] = scaled;
      outcomes[i] = 'scaled';
    }
  }
  return { exact, outcomes, lower, upper, scalingFactor: k };
}
