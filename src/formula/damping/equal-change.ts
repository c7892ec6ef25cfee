import { UserError } from '../../errors.js';
import { float64 } from '../workspace.js';
import type { DampingInput, DampingOutcome, DampingResult } from './types.js';

/** Equal percentage change for everyone (the police grant since 2021/22). */
export function equalChange(input: DampingInput): DampingResult {
  const { priors, distributable, ws } = input;
  let priorTotal = 0;
  for (let i = 0; i < priors.length; i++) priorTotal += priors[i]!;
  if (priorTotal <= 0) throw new UserError('damping.prior: the prior allocations sum to zero, so there is nothing to change equally');
  const factor = distributable / priorTotal;
  const exact = float64(ws, 'damping.exact', priors.length);
  for (let i = 0; i < priors.length; i++) exact[i] = priors[i]! * factor;
  return { exact, ...(!ws && { outcome: (): DampingOutcome => 'equal change' }), scalingFactor: factor };
}
