import type { EngineName, SolverEngine } from './engine.js';
import { highsEngine } from './highs.js';
import { jslpEngine } from './jslp.js';

export type { EngineName, LpSolution, LpStatus, SolveOptions, SolverEngine } from './engine.js';
export { ENGINES } from './engine.js';

export function engine(name: EngineName): SolverEngine {
  return name === 'highs' ? highsEngine : jslpEngine;
}
