/**
 * Whole-unit bounds from amounts computed in floating point. `prior x (1 + floor)` can come
 * out a hair above a whole number (950.0000000001); the tolerance keeps that from rounding
 * the bound up a whole unit, while still never rounding a real fraction the wrong way.
 */
function slack(x: number): number {
  return 1e-9 + Math.abs(x) * 1e-12;
}

/** Smallest whole number not below x (up to float noise). */
export function ceilUnits(x: number): number {
  return Math.ceil(x - slack(x)) + 0; // + 0 turns -0 into 0
}

/** Largest whole number not above x (up to float noise). */
export function floorUnits(x: number): number {
  return Math.floor(x + slack(x)) + 0;
}
