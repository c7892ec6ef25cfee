import { UserError } from '../errors.js';
import { formatPounds } from '../money/units.js';
import { float64, type Workspace } from './workspace.js';

export interface MinimumResult {
  /** Target per area after the minimum, in units. */
  targets: Float64Array;
  raised: Uint8Array;
  /** Factor applied to the targets of the areas above the minimum, to pay for it. */
  scalingFactor: number;
}

/**
 * Raise every target below `minimum` to it, and take the cost pro rata from the areas above,
 * repeating while that pushes more areas below. All amounts are in rounding units.
 */
export function applyMinimum(targets: Float64Array, minimum: number, distributable: number, unit: number, ws?: Workspace): MinimumResult {
  const n = targets.length;
  if (minimum * n > distributable) {
    throw new UserError(
      `minimum: ${n} areas x ${formatPounds(minimum * unit)} = ${formatPounds(minimum * n * unit)}, ` +
        `${formatPounds((minimum * n - distributable) * unit)} more than the distributable pot of ${formatPounds(distributable * unit)}`,
    );
  }
  const raised = ws ? ws.uint8('minimum.raised', n).fill(0) : new Uint8Array(n);
  let raisedCount = 0;
  let factor = 1;
  for (;;) {
    let freeSum = 0;
    for (let i = 0; i < n; i++) if (!raised[i]) freeSum += targets[i]!;
    factor = freeSum > 0 ? (distributable - raisedCount * minimum) / freeSum : 1;
    let newly = 0;
    for (let i = 0; i < n; i++) {
      if (!raised[i] && targets[i]! * factor < minimum) {
        raised[i] = 1;
        newly++;
      }
    }
    if (newly === 0) break;
    raisedCount += newly;
  }
  const result = float64(ws, 'minimum.targets', n);
  for (let i = 0; i < n; i++) result[i] = raised[i] ? minimum : targets[i]! * factor;
  return { targets: result, raised, scalingFactor: factor };
}
