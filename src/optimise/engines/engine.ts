/** What every solver engine does: solve a programme and say how it ended, in the same terms. */
import type { LinearProgram } from '../lp.js';

export type EngineName = 'highs' | 'jslp';
export const ENGINES: readonly EngineName[] = ['highs', 'jslp'];

export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'time_limit' | 'failed';

export interface SolveOptions {
  /** Stop after this many seconds (the result is then not an optimum and is not reported). */
  timeLimitSeconds?: number;
}

export interface LpSolution {
  status: LpStatus;
  /** Meaningful only when optimal. */
  objective: number;
  values: Float64Array;
  /** d objective / d row bound, where the engine reports duals (HiGHS, for LPs). */
  rowDuals?: Float64Array;
  /** What went wrong, for status failed. */
  message?: string;
  seconds: number;
}

export interface SolverEngine {
  readonly name: EngineName;
  solve(lp: LinearProgram, options?: SolveOptions): Promise<LpSolution>;
}
