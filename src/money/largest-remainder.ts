/**
 * Largest-remainder (Hamilton) rounding: whole units that add up exactly to `total`.
 *
 * Every quota is floored; the units left over go one each to the largest remainders,
 * ties broken by position (callers pass quotas in area-key order, so ties go to the
 * lower key). Optional integer bounds keep an area inside [lower, upper] whatever the
 * rounding does: damping floors and ceilings survive it.
 *
 * @example
 * largestRemainder([33.4, 33.3, 33.3], 100).units // => Float64Array [34, 33, 33]
 */
import { Workspace } from '../formula/workspace.js';

/** Scratch buffers for calls without a workspace (single-threaded, and nothing here yields). */
const SCRATCH = new Workspace();

export interface RoundedQuotas {
  /** Whole units per quota, summing to `total`. */
  units: Float64Array;
  /** Quota minus its floor, in [0, 1). */
  remainders: Float64Array;
  /** Units added (+1) or taken (-1) by the largest-remainder step, per quota. */
  adjustments: Int8Array;
}

export interface RoundingBounds {
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

/**
 * The k-th smallest (0-based) of a[0..n), by quickselect: linear time on average, where a
 * full sort would be n log n. Reorders a[0..n). Equal keys are fine (Hoare partition).
 */
export function selectKth(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Remainder buckets for finding the cut-off: enough that a bucket holds a handful of areas. */
const BUCKETS = 4096;
const BUCKET_COUNTS = new Int32Array(BUCKETS);

/**
 * Give (step +1) or take (step -1) one unit each from up to `wanted` of the first `count`
 * eligible quotas: the largest remainders when giving, the smallest when taking, ties to the
 * lower index. The outcome depends only on the cut-off remainder, which is found without a
 * sort: remainders are counted into buckets (monotone in the remainder), every quota in a
 * bucket before the cut-off's gets its unit, and only the cut-off's bucket is searched by
 * selection. Linear time; at 32,844 areas about a third of a quickselect over all of them.
 */
function handOut(rounded: RoundedQuotas, eligible: Int32Array, count: number, wanted: number, step: 1 | -1, keys: Float64Array, buckets: Uint16Array): void {
  const { units, remainders, adjustments } = rounded;
  if (wanted === count) {
    // Every eligible quota gets its unit (a pass of a long walk to a far total): nothing to choose.
    for (let e = 0; e < count; e++) {
      const i = eligible[e]!;
      units[i] = units[i]! + step;
      adjustments[i] = adjustments[i]! + step;
    }
    return;
  }
  if (count < BUCKETS) {
    // Few quotas (a sensitivity draw over 300 districts): one selection over all of them is
    // quicker than clearing and walking the buckets.
    for (let e = 0; e < count; e++) keys[e] = step * -remainders[eligible[e]!]!;
    giveUpTo(rounded, eligible, count, wanted, step, selectKth(keys, count, wanted - 1));
    return;
  }
  const counts = BUCKET_COUNTS.fill(0);
  for (let e = 0; e < count; e++) {
    // Remainders are in [0, 1); the clamp catches 1 - 2^-53 rounding to 1 after the floor of a tiny negative quota.
    let bucket = (remainders[eligible[e]!]! * BUCKETS) | 0; // the floor: the product is in [0, BUCKETS]
    if (bucket >= BUCKETS) bucket = BUCKETS - 1;
    // Bucket 0 holds the best remainders: the largest when giving, the smallest when taking.
    if (step > 0) bucket = BUCKETS - 1 - bucket;
    buckets[e] = bucket;
    counts[bucket] = counts[bucket]! + 1;
  }
  let before = 0;
  let cut = 0;
  while (before + counts[cut]! < wanted) before += counts[cut++]!;
  // Smallest keys first; giving wants the largest remainders, so negate them.
  let inCut = 0;
  for (let e = 0; e < count; e++) {
    const bucket = buckets[e]!;
    if (bucket < cut) {
      const i = eligible[e]!;
      units[i] = units[i]! + step;
      adjustments[i] = adjustments[i]! + step;
    } else if (bucket === cut) keys[inCut++] = step * -remainders[eligible[e]!]!;
  }
  const need = wanted - before;
  giveUpTo(rounded, eligible, count, need, step, selectKth(keys, inCut, need - 1), buckets, cut);
}

/**
 * Give (or take) `need` units at and beyond the cut-off key: to every quota strictly better
 * than it, then to those equal to it in index order. With `buckets`, only among the quotas of
 * bucket `cut` (the others were settled by their bucket).
 */
function giveUpTo(rounded: RoundedQuotas, eligible: Int32Array, count: number, need: number, step: 1 | -1, cutoff: number, buckets?: Uint16Array, cut?: number): void {
  const { units, remainders, adjustments } = rounded;
  let given = 0;
  for (let pass = 0; pass < 2 && given < need; pass++) {
    for (let e = 0; e < count && given < need; e++) {
      if (buckets && buckets[e] !== cut) continue;
      const key = step * -remainders[eligible[e]!]!;
      if (pass === 0 ? key < cutoff : key === cutoff) {
        const i = eligible[e]!;
        units[i] = units[i]! + step;
        adjustments[i] = adjustments[i]! + step;
        given++;
      }
    }
  }
}

/**
 * `ws`: reusable buffers for repeated runs (see formula/workspace.ts); the result's arrays
 * are then the workspace's, overwritten by the next call.
 */
export function largestRemainder(quotas: ArrayLike<number>, total: number, bounds: RoundingBounds = {}, ws?: Workspace): RoundedQuotas {
  if (!Number.isInteger(total)) throw new RangeError(`largestRemainder: total ${total} is not a whole number of units`);
  const n = quotas.length;
  const rounded: RoundedQuotas = {
    units: ws ? ws.float64('rounding.units', n) : new Float64Array(n),
    remainders: ws ? ws.float64('rounding.remainders', n) : new Float64Array(n),
    adjustments: ws ? ws.int8('rounding.adjustments', n).fill(0) : new Int8Array(n),
  };
  const { units, remainders } = rounded;
  const { lower, upper } = bounds;

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
  if (left === 0) return rounded;
  // Scratch arrays, read only within this call: a shared workspace when the caller has none.
  const scratch = ws ?? SCRATCH;
  const eligible = scratch.int32('rounding.eligible', n);
  const keys = scratch.float64('rounding.keys', n);
  const buckets = scratch.uint16('rounding.buckets', n);
  while (left !== 0) {
    // Usually one pass; more only when floating-point quotas miss the total by a unit or more.
    const step = left > 0 ? 1 : -1;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const next = units[i]! + step;
      if (step > 0 ? !upper || next <= upper[i]! : !lower || next >= lower[i]!) eligible[count++] = i;
    }
    if (count === 0) {
      throw new RangeError(`largestRemainder: bounds leave ${Math.abs(left)} unit(s) that cannot be ${step > 0 ? 'given' : 'taken'}`);
    }
    const wanted = Math.min(Math.abs(left), count);
    handOut(rounded, eligible, count, wanted, step, keys, buckets);
    left -= step * wanted;
  }
  return rounded;
}

/**
 * Each quota's place in the hand-out queue (1 = largest remainder), for quotas that were
 * given a unit; 0 for the others. Only worked examples need it, so it is computed apart.
 */
export function handOutRanks(remainders: Float64Array, adjustments: Int8Array): Int32Array {
  const receivers: number[] = [];
  for (let i = 0; i < adjustments.length; i++) if (adjustments[i]! > 0) receivers.push(i);
  receivers.sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  const ranks = new Int32Array(adjustments.length);
  receivers.forEach((i, r) => (ranks[i] = r + 1));
  return ranks;
}
