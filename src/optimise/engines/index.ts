/** The solver engines, one registry: a new engine is its file and one entry here. */
import type { EngineName, SolverEngine } from './engine.js';
import { highsEngine } from './highs.js';
import { jslpEngine } from './jslp.js';

export type { EngineName, LpSolution, LpStatus, SolveOptions, SolverEngine } from './engine.js';

export const ENGINE_REGISTRY: Record<EngineName, SolverEngine> = {
  highs: highsEngine,
  jslp: jslpEngine,
};

export const ENGINES = Object.keys(ENGINE_REGISTRY) as EngineName[];

export function engine(name: EngineName): SolverEngine {
  return ENGINE_REGISTRY[name];
}
