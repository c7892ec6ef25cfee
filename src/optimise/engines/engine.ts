/** What every solver engine does: solve a programme and say how it ended, in the same terms. */
import type { LinearProgram } from '../lp.js';

export type EngineName = 'highs' | 'jslp';

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

/**
 * A power of two that brings the largest objective coefficient near 1. Solvers judge
 * optimality with absolute tolerances (HiGHS: 1e-7), so an objective of tiny coefficients
 * (a need weight of 0.001 times 0.0005 outcome a pound) would look optimal anywhere.
 * A power of two scales exactly, so nothing is lost in undoing it.
 */
export function objectiveScale(lp: LinearProgram): number {
  let largest = 0;
  for (const column of lp.columns) largest = Math.max(largest, Math.abs(column.cost));
  // Clamped, so a subnormal coefficient cannot make the factor overflow.
  return largest > 0 && Number.isFinite(largest) ? 2 ** Math.min(100, Math.max(-100, -Math.round(Math.log2(largest)))) : 1;
}
