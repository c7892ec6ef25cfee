/**
 * Largest-remainder (Hamilton) rounding: whole units that add up exactly to `total`.
 *
 * Every quota is floored; the units left over go one each to the largest remainders,
 * ties broken by position (callers pass quotas in area-key order, so ties go to the
 * lower key). Optional integer bounds keep an area inside [lower, upper] whatever the
 * rounding does: damping floors and ceilings survive it.
 *
 * @example
 * largestRemainder([33.4, 33.3, 33.3], 100).units // => [34, 33, 33]
 */
export interface RoundedQuotas {
  /** Whole units per quota, summing to `total`. */
  units: Float64Array;
  /** Quota minus its floor, in [0, 1). */
  remainders: Float64Array;
  /** Units added (+1) or taken (-1) by the largest-remainder step, per quota. */
  adjustments: Int8Array;
  /** 1-based rank of each quota's remainder in the hand-out order (0 when not ranked). */
  ranks: Int32Array;
}

export interface RoundingBounds {
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

export function largestRemainder(
  quotas: ArrayLike<number>,
  total: number,
  bounds: RoundingBounds = {},
): RoundedQuotas {
  if (!Number.isInteger(total)) throw new RangeError(`largestRemainder: total ${total} is not a whole number of units`);
  const n = quotas.length;
  const units = new Float64Array(n);
  const remainders = new Float64Array(n);
  const adjustments = new Int8Array(n);
  const ranks = new Int32Array(n);
  const lower = bounds.lower;
  const upper = bounds.upper;

  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const q = quotas[i]!;
    if (!Number.isFinite(q)) throw new RangeError(`largestRemainder: quota ${i} is not finite (${q})`);
    let whole = Math.floor(q);
    remainders[i] = q - whole;
    if (lower && whole < lower[i]!) whole = lower[i]!;
    if (upper && whole > upper[i]!) whole = upper[i]!;
    units[i] = whole;
    assigned += whole;
  }

  let left = total - assigned;
  if (left === 0) return { units, remainders, adjustments, ranks };

  // Hand-out order: largest remainder first when adding units, smallest first when taking
  // (the latter only happens when floating-point quotas overshoot the total).
  const order = Array.from({ length: n }, (_, i) => i);
  const step = left > 0 ? 1 : -1;
  order.sort((a, b) => {
    const diff = step > 0 ? remainders[b]! - remainders[a]! : remainders[a]! - remainders[b]!;
    return diff !== 0 ? diff : a - b;
  });

  let rank = 0;
  while (left !== 0) {
    let moved = false;
    for (const i of order) {
      if (left === 0) break;
      const next = units[i]! + step;
      if (step > 0 && upper && next > upper[i]!) continue;
      if (step < 0 && lower && next < lower[i]!) continue;
      units[i] = next;
      adjustments[i] = adjustments[i]! + step;
      if (ranks[i] === 0) ranks[i] = ++rank;
      left -= step;
      moved = true;
    }
    if (!moved) {
      throw new RangeError(`largestRemainder: bounds leave ${Math.abs(left)} unit(s) that cannot be ${step > 0 ? 'given' : 'taken'}`);
    }
  }
  return { units, remainders, adjustments, ranks };
}
