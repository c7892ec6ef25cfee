import type { Workspace } from '../workspace.js';

/** What a damping method receives and returns. All amounts are in rounding units. */
export interface DampingInput {
  /** Formula targets (after any minimum). */
  targets: Float64Array;
  /** Like-for-like prior allocations. */
  priors: Float64Array;
  /** Whole units to distribute. */
  distributable: number;
  /** Pence per unit, for messages. */
  unit: number;
  /** Reusable buffers for repeated runs; with one, the per-area outcomes are not labelled. */
  ws?: Workspace;
}

/** How damping treated one area. */
export type DampingOutcome =
  | 'held at floor' // protected: gets exactly its floor
  | 'capped at ceiling'
  | 'scaled' // gain over the floor scaled back by the common factor
  | 'equal change'
  | 'transition'
  | 'fixed outside the formula';

export interface DampingResult {
  exact: Float64Array;
  /**
   * How area i was treated, worked out when asked (only worked examples ask: labelling every
   * area on every run cost more than the damping itself). Left out when run with a workspace,
   * whose buffers the next run overwrites.
   */
  outcome?: (i: number) => DampingOutcome;
  /** Whole-unit bounds rounding must respect. */
  lower?: Float64Array;
  upper?: Float64Array;
  /** The method's one common factor (s, k or the balancing factor). */
  scalingFactor: number;
  /** The factor was imposed (a published one), not solved: the allocations then total `distributed`. */
  imposed?: boolean;
  /** Units the damped allocations total, where the method does not spend the whole pot. */
  distributed?: number;
}
