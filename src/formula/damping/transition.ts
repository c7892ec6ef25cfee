import { float64 } from '../workspace.js';
import type { DampingInput, DampingOutcome, DampingResult } from './types.js';

/**
 * Pace of change: move 1/years of the way from prior to target, then scale everyone by one
 * factor so the pot balances (the move alone balances only when priors sum to the pot).
 */
export function transition(input: DampingInput, years: number): DampingResult {
  const { targets, priors, distributable, ws } = input;
  const n = targets.length;
  const step = float64(ws, 'damping.step', n);
  let stepTotal = 0;
  for (let i = 0; i < n; i++) {
    step[i] = priors[i]! + (targets[i]! - priors[i]!) / years;
    stepTotal += step[i]!;
  }
  const factor = stepTotal > 0 ? distributable / stepTotal : 1;
  const exact = float64(ws, 'damping.exact', n);
  for (let i = 0; i < n; i++) exact[i] = step[i]! * factor;
  return { exact, ...(!ws && { outcome: (): DampingOutcome => 'transition' }), scalingFactor: factor };
}
