/** Run a model or scenario of any kind, reduced to comparable lines (for `fairshare compare`). */
import { UserError } from '../errors.js';
import type { Override } from '../model/load.js';
import { kindOf, type ComparableRun } from './kinds.js';
import { resolveScenario } from './scenario.js';

export type { ComparableRun } from './kinds.js';

export async function comparableRun(path: string, commandLine: readonly Override[] = []): Promise<ComparableRun> {
  const model = resolveScenario(path, commandLine);
  const kind = kindOf(model, path);
  if (!kind.comparable) throw new UserError(`${path}: ${kind.noun} cannot be compared; compare allocation, budget, optimisation or needs models and their scenarios`);
  return kind.comparable(model);
}
