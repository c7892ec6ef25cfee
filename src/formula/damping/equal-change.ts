import { UserError } from '../../errors.js';
import type { DampingInput, DampingOutcome, DampingResult } from './types.js';

/** Equal percentage change for everyone (the police grant since 2021/22). */
export function equalChange(input: DampingInput): DampingResult {
  const { priors, distributable } = input;
  const priorTotal = priors.reduce((a, b) => a + b, 0);
  if (priorTotal <= 0) throw new UserError('damping.prior: the prior allocations sum to zero, so there is nothing to change equally');
  const factor = distributable / priorTotal;
  const exact = priors.map((prior) => prior * factor);
  const outcomes: DampingOutcome[] = new Array<DampingOutcome>(priors.length).fill('equal change');
  return { exact, outcomes, scalingFactor: factor };
}
