import { UserError } from '../../errors.js';
import { formatPounds } from '../../money/units.js';
import { boundsFor } from '../bounds.js';
import { floorAmounts, unaffordableFloor } from './floor-scale.js';
import { float64 } from '../workspace.js';
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
  const { priors, distributable, unit, ws } = input;
  const n = input.targets.length;
  // A target under a billionth of a unit is nothing in money, but it would put its breakpoint
  // past the largest double; such areas are held at their bounds like zero targets.
  const targets = float64(ws, 'damping.targets', n);
  for (let i = 0; i < n; i++) targets[i] = input.targets[i]! < 1e-9 ? 0 : input.targets[i]!;
  const lower = floorAmounts(priors, floor, unit);
  const ceilings = boundsFor(priors, unit, ceiling, 'down');
  const upper = float64(ws, 'damping.upper', n);
  for (let i = 0; i < n; i++) upper[i] = Math.max(lower[i]!, ceilings[i]!);

  const total = (k: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += targets[i]! > 0 ? Math.min(upper[i]!, Math.max(lower[i]!, k * targets[i]!)) : lower[i]!;
    return sum;
  };
  let least = 0;
  let most = 0;
  // Two breakpoints per area with a target; unused places hold +Infinity and sort last.
  const all = float64(ws, 'damping.breakpoints', 2 * n).fill(Infinity);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = targets[i]!;
    least += lower[i]!;
    most += t > 0 ? upper[i]! : lower[i]!;
    if (t > 0) {
      all[count++] = lower[i]! / t;
      all[count++] = upper[i]! / t;
    }
  }
  if (least > distributable) throw unaffordableFloor(floor, least, input);
  if (most < distributable) {
    throw new UserError(
      `damping.ceiling: the ceiling of ${+(ceiling * 100).toFixed(6)}% caps the allocations at ${formatPounds(most * unit)}, ` +
        `${formatPounds((distributable - most) * unit)} less than the distributable pot of ${formatPounds(distributable * unit)}; raise the ceiling`,
    );
  }
  all.sort();
  const breakpoints = all;

  let k = 0;
  if (least < distributable && count > 0) {
    // Smallest breakpoint at which the total reaches the pot.
    let lo = 0;
    let hi = count - 1;
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

  const exact = float64(ws, 'damping.exact', n);
  for (let i = 0; i < n; i++) {
    const scaled = k * targets[i]!;
    exact[i] = scaled <= lower[i]! ? lower[i]! : scaled >= upper[i]! ? upper[i]! : scaled;
  }
  const outcome = (i: number): DampingOutcome => {
    const scaled = k * targets[i]!;
    return scaled <= lower[i]! ? 'held at floor' : scaled >= upper[i]! ? 'capped at ceiling' : 'scaled';
  };
  return { exact, ...(!ws && { outcome }), lower, upper, scalingFactor: k };
}
