import { UserError } from '../../errors.js';
import { formatPounds } from '../../money/units.js';
import { floorUnits } from '../tolerance.js';
import { floorAmounts, unaffordableFloor } from './floor-scale.js';
import type { DampingInput, DampingOutcome, DampingResult } from './types.js';

/**
 * Floor and ceiling: each area's change is clamped to [floor, ceiling] and the unclamped
 * areas' targets are scaled by one factor k so the pot balances. The total
 * f(k) = sum of clamp(k x target, floor, ceiling) is piecewise linear and rising in k, so
 * k is found exactly: a binary search over the breakpoints (where areas enter or leave
 * their bounds) brackets it, and it is interpolated on that linear piece. f is evaluated
 * afresh at each step rather than updated incrementally, so no rounding error builds up
 * (an incremental slope drifts, and tiny targets put breakpoints near k = 1e300).
 */
export function floorCeiling(input: DampingInput, floor: number, ceiling: number): DampingResult {
  const { priors, distributable, unit } = input;
  const n = input.targets.length;
  // A target under a billionth of a unit is nothing in money, but it would put its breakpoint
  // past the largest double; such areas are held at their bounds like zero targets.
  const targets = input.targets.map((t) => (t < 1e-9 ? 0 : t));
  const lower = floorAmounts(priors, floor);
  const upper = priors.map((prior, i) => Math.max(lower[i]!, floorUnits(prior * (1 + ceiling))));

  const total = (k: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += targets[i]! > 0 ? Math.min(upper[i]!, Math.max(lower[i]!, k * targets[i]!)) : lower[i]!;
    return sum;
  };
  let least = 0;
  let most = 0;
  const breakpoints: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = targets[i]!;
    least += lower[i]!;
    most += t > 0 ? upper[i]! : lower[i]!;
    if (t > 0) breakpoints.push(lower[i]! / t, upper[i]! / t);
  }
  if (least > distributable) throw unaffordableFloor(floor, least, input);
  if (most < distributable) {
    throw new UserError(
      `damping.ceiling: the ceiling of ${+(ceiling * 100).toFixed(6)}% caps the allocations at ${formatPounds(most * unit)}, ` +
        `${formatPounds((distributable - most) * unit)} less than the distributable pot of ${formatPounds(distributable * unit)}; raise the ceiling`,
    );
  }
  breakpoints.sort((a, b) => a - b);

  let k = 0;
  if (least < distributable && breakpoints.length > 0) {
    // Smallest breakpoint at which the total reaches the pot.
    let lo = 0;
    let hi = breakpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (total(breakpoints[mid]!) >= distributable) hi = mid;
      else lo = mid + 1;
    }
    const right = breakpoints[lo]!;
    const left = lo > 0 ? breakpoints[lo - 1]! : 0;
    const [fLeft, fRight] = [total(left), total(right)];
    // Ratio first: (right - left) can be near the largest double.
    k = fRight > fLeft ? left + ((distributable - fLeft) / (fRight - fLeft)) * (right - left) : right;
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
