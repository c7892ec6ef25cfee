/**
 * The damping methods, one registry: each method's file and its entry here. The record is
 * keyed by the schema's own method names, so the compiler refuses a method without one.
 */
import type { Damping, DampingMethod } from '../../model/schema.js';
import { equalChange } from './equal-change.js';
import { floorCeiling } from './floor-ceiling.js';
import { floorScale } from './floor-scale.js';
import { transition } from './transition.js';
import type { DampingInput, DampingResult } from './types.js';

/** How a run asks for damping beyond the model: the years left of a transition in a settlement. */
export interface DampingContext {
  /** For transition: the years over which to move, this year (a settlement counts them down). */
  transitionYears?: number;
}

type Method<M extends DampingMethod> = (input: DampingInput, damping: Extract<Damping, { method: M }>, context: DampingContext) => DampingResult;

export const DAMPING_METHODS: { [M in DampingMethod]: Method<M> } = {
  floor_scale: (input, damping) => floorScale(input, damping.floor, damping.scale),
  floor_ceiling: (input, damping) => floorCeiling(input, damping.floor, damping.ceiling),
  equal_change: (input) => equalChange(input),
  transition: (input, damping, context) => transition(input, context.transitionYears ?? damping.years),
};

/** Damp by the model's method. */
export function dampBy(damping: Damping, input: DampingInput, context: DampingContext = {}): DampingResult {
  return (DAMPING_METHODS[damping.method] as Method<DampingMethod>)(input, damping as never, context);
}
