/**
 * Whole-unit floors and ceilings, exact: prior x (1 + rate) rounded up (a floor) or down (a
 * ceiling) to the rounding unit, computed in integers from the prior in pence and the rate
 * as the decimal it was written as (-0.05 is -5/100), so no magnitude of money and no float
 * noise can move a bound by a penny. (A tolerance on the floating-point product let floors
 * fall pennies short once amounts reached tens of billions of pence.)
 */

/** A number as the decimal fraction it was written as: -0.05 -> -5/100, 2.5e-8 -> 25/10^9. */
export function decimalFraction(x: number): { num: bigint; den: bigint } {
  if (!Number.isFinite(x)) throw new RangeError(`decimalFraction: ${x} is not a finite number`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`decimalFraction: cannot read ${x}`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const shift = Number(exponent) - fraction.length;
  let num = BigInt(`${whole}${fraction}`);
  let den = 1n;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den = 10n ** BigInt(-shift);
  return { num: sign === '-' ? -num : num, den };
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** floor(n / d) or ceil(n / d) for integers, d > 0. */
function divide(n: bigint, d: bigint, direction: 'up' | 'down'): bigint {
  let q = n / d;
  const r = n % d;
  if (direction === 'up' && r > 0n) q += 1n;
  if (direction === 'down' && r < 0n) q -= 1n;
  return q;
}

/** A rate as the exact integer ratio (den + num) / den, parsed once for a run of bounds. */
interface Ratio {
  /** den + num and den x unit: as bigints, and as numbers for the exact fast path. */
  top: bigint;
  bottom: bigint;
  topNumber: number;
  bottomNumber: number;
}

function ratio(rate: number, unit: number): Ratio {
  const { num, den } = decimalFraction(rate);
  const top = den + num;
  const bottom = den * BigInt(unit);
  return { top, bottom, topNumber: Number(top), bottomNumber: Number(bottom) };
}

/** pence x top / bottom, rounded up or down to a whole number, exactly. */
function bound(pence: number, r: Ratio, direction: 'up' | 'down'): number {
  const n = pence * r.topNumber;
  // Within 2^53 every product here is an exact integer: divide in floating point, then
  // correct the quotient by at most one with exact integer products.
  if (Math.abs(n) + r.bottomNumber < Number.MAX_SAFE_INTEGER && Number.isSafeInteger(r.topNumber) && Number.isSafeInteger(r.bottomNumber)) {
    let q = Math.floor(n / r.bottomNumber);
    if (q * r.bottomNumber > n) q -= 1;
    else if ((q + 1) * r.bottomNumber <= n) q += 1;
    if (direction === 'up' && q * r.bottomNumber !== n) q += 1;
    return q + 0; // + 0 turns -0 into 0
  }
  const q = divide(BigInt(pence) * r.top, r.bottom, direction);
  if (q > SAFE || q < -SAFE) throw new RangeError(`boundUnits: ${q} units is beyond exact arithmetic`);
  return Number(q) + 0;
}

/**
 * prior x (1 + rate) in whole units, rounded up ('up': a floor, so rounding never breaches
 * it) or down ('down': a ceiling). `priorUnits` is a whole number of pence in units
 * (priors are money: whole pence, checked when the data is read).
 */
export function boundUnits(priorUnits: number, unit: number, rate: number, direction: 'up' | 'down'): number {
  return bound(Math.round(priorUnits * unit), ratio(rate, unit), direction);
}

const cache = new WeakMap<Float64Array, Map<string, Float64Array>>();

/**
 * Every area's bound, in key order. Cached by the priors array (a sensitivity analysis runs
 * the same priors thousands of times); the result is shared: read it, never write it.
 */
export function boundsFor(priors: Float64Array, unit: number, rate: number, direction: 'up' | 'down'): Float64Array {
  let byRate = cache.get(priors);
  if (!byRate) cache.set(priors, (byRate = new Map()));
  const key = `${unit}|${rate}|${direction}`;
  let bounds = byRate.get(key);
  if (!bounds) {
    const r = ratio(rate, unit);
    bounds = new Float64Array(priors.length);
    for (let i = 0; i < priors.length; i++) bounds[i] = bound(Math.round(priors[i]! * unit), r, direction);
    byRate.set(key, bounds);
  }
  return bounds;
}
